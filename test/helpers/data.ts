import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { DEMO_AS_OF, generateDemo } from '../../electron/engine/demo/generate';
import { mulberry32 } from '../../electron/engine/random';
import { sharedData } from './tmp';

/** A customers file and its orders, as the specs that need a realistic customer base import them. */
export interface CustomerData {
  /** Where the data comes from, for test names. */
  label: string;
  /** The real ../shared/data files (counts specific to them hold), not the generated ones. */
  real: boolean;
  customers: string;
  orders: string;
}

const COUNT = 20_000;
const SEED = 7_052_026;
const DAY = 86_400_000;
/** The generated data ends on 2026-10-31 like ../shared/data/synthetic_customers.csv, so dates used by the specs (as-of 2026-11-01) fit both. */
const SHIFT_DAYS = Math.round((Date.parse('2026-10-31T00:00:00Z') - Date.parse(`${DEMO_AS_OF}T00:00:00Z`)) / DAY);

/** Cities of the synthetic_customers.csv layout, each with its own mix of ethnicities, so city and postal code act as proxies. */
const CITIES: { country: string; city: string; postal: string; mix: [number, number, number] }[] = [
  { country: 'Canada', city: 'Toronto', postal: 'M5V', mix: [0.7, 0.2, 0.1] },
  { country: 'Canada', city: 'Montréal', postal: 'H2X', mix: [0.31, 0.59, 0.1] },
  { country: 'Canada', city: 'Vancouver', postal: 'V6B', mix: [0.21, 0.2, 0.59] },
  { country: 'Canada', city: 'Calgary', postal: 'T2P', mix: [0.5, 0.28, 0.22] },
  { country: 'United States', city: 'Seattle', postal: '98101', mix: [0.2, 0.19, 0.61] },
  { country: 'United States', city: 'Boston', postal: '02108', mix: [0.7, 0.2, 0.1] },
];
const ETHNICITIES = ['A', 'B', 'C'];
const CUSTOMER_COLUMNS = [
  'customer_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'gender',
  'birth_date',
  'ethnicity',
  'country',
  'city',
  'postal_code',
  'signup_date',
  'annual_income',
  'marketing_consent',
  'preferred_channel',
  'lifestyle',
  'orders_count',
  'total_spend',
  'avg_basket',
  'last_order_date',
];

/**
 * One customer pinned to its record in the real file, because the erasure spec follows that customer into every place
 * (its e-mail, its 23 orders, its Montréal segment); everyone else is generated.
 */
const PINNED = { index: 12_345, first: 'José', last: 'Martin', city: 'Montréal', orders: 23 };

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const shift = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + SHIFT_DAYS * DAY).toISOString().slice(0, 10);
/** E-mail local parts as the shared file writes them: lower case, letters outside a-z (and not ') as x. */
const emailPart = (s: string) => s.toLowerCase().replace(/[^a-z']/g, 'x');

/** Bump when the layout written below changes; the demo generator's own output is part of the cache key. */
const FORMAT = 2;

let cached: CustomerData | undefined;

/**
 * 20,000 customers and their orders in the layout of ../shared/data/synthetic_customers.csv and synthetic_orders.csv
 * (same columns, IDs C0000001…C0020000, ISO dates up to 2026-10-31), generated in code from the seeded demo generator:
 * its personas drive spending; ethnicity, cities and the order summaries are derived here. Written once per test
 * process, so specs run on a clean clone without ../shared. Counts specific to the real file do not hold here.
 */
export function generatedCustomers(): CustomerData {
  if (cached) return cached;
  // Generating takes seconds: the files are kept in the temp folder, under a key that changes with the generator's output.
  const key = crypto.createHash('sha256').update(`${FORMAT} ${SEED} ${COUNT} ${generateDemo(50, SEED).orders}`).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `segmentdesk-testdata-${key}`);
  const customers = path.join(dir, 'synthetic_customers.csv');
  const ordersFile = path.join(dir, 'synthetic_orders.csv');
  if (!fs.existsSync(customers) || !fs.existsSync(ordersFile)) writeGenerated(dir, customers, ordersFile);
  cached = { label: 'generated customers', real: false, customers, orders: ordersFile };
  return cached;
}

function writeGenerated(dir: string, customers: string, ordersFile: string): void {
  const demo = generateDemo(COUNT + 200, SEED);
  const r = mulberry32(SEED);
  const people = Papa.parse<Record<string, string>>(demo.customers, { header: true, skipEmptyLines: true }).data;
  // The demo's order lines hold no quoted fields: split by hand (Papa on 500k rows is slow on a busy machine).
  const ordersOf = new Map<string, string[][]>();
  for (const line of demo.orders.split('\n').slice(1)) {
    if (!line) continue;
    const o = line.split(',');
    const list = ordersOf.get(o[1]) ?? [];
    list.push(o);
    ordersOf.set(o[1], list);
  }
  const custLines = [CUSTOMER_COLUMNS.join(',')];
  const orderLines = ['order_id,customer_id,order_date,amount,items,category,channel'];
  const seen = new Set<string>();
  let orderNo = 1;
  for (const p of people) {
    if (seen.has(p.customer_id)) continue; // the demo's deliberate duplicate rows
    seen.add(p.customer_id);
    const i = seen.size;
    if (i > COUNT) break;
    const id = `C${pad(i, 7)}`;
    const pinned = i === PINNED.index;
    const drawn = CITIES[Math.floor(r() * CITIES.length)];
    const place = pinned ? CITIES.find((c) => c.city === PINNED.city)! : drawn;
    const u = r();
    const ethnicity = ETHNICITIES[u < place.mix[0] ? 0 : u < place.mix[0] + place.mix[1] ? 1 : 2];
    const gender = r() < 0.035 ? 'X' : p.gender;
    // About two in five of the demo's orders, so the orders file has the real one's size (~200k rows).
    const theirs = ordersOf.get(p.customer_id) ?? [];
    const mine = pinned ? pinnedOrders(theirs, PINNED.orders) : theirs.filter((_o, k) => k === 0 || r() < 0.4);
    let spend = 0;
    let last = '';
    for (const [, , orderDate, amount, items, category, channel] of mine) {
      const date = shift(orderDate);
      spend += Number(amount);
      if (date > last) last = date;
      orderLines.push([`O${pad(orderNo++, 9)}`, id, date, amount, items, category, channel].join(','));
    }
    const row: Record<string, string> = {
      customer_id: id,
      first_name: pinned ? PINNED.first : p.first_name,
      last_name: pinned ? PINNED.last : p.last_name,
      email: p.email || pinned ? `${emailPart(pinned ? PINNED.first : p.first_name)}.${emailPart(pinned ? PINNED.last : p.last_name)}${i}@example.com` : '',
      phone: p.phone ? `+1-555-${pad(Math.floor(r() * 1e7), 7)}` : '',
      gender,
      birth_date: shift(p.birth_date),
      ethnicity,
      country: place.country,
      city: place.city,
      postal_code: place.postal,
      signup_date: shift(p.signup_date),
      annual_income: p.annual_income,
      marketing_consent: p.marketing_consent,
      preferred_channel: p.preferred_channel,
      lifestyle: p.lifestyle,
      orders_count: String(mine.length),
      total_spend: spend.toFixed(2),
      avg_basket: mine.length ? (spend / mine.length).toFixed(2) : '',
      last_order_date: last,
    };
    custLines.push(Papa.unparse([CUSTOMER_COLUMNS.map((c) => row[c])], { header: false }));
  }
  // Test files run in parallel processes: each writes its own copy and renames it into place, so no reader sees half a file.
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `.${process.pid}`;
  fs.writeFileSync(customers + tmp, `${custLines.join('\n')}\n`);
  fs.writeFileSync(ordersFile + tmp, `${orderLines.join('\n')}\n`);
  fs.renameSync(ordersFile + tmp, ordersFile);
  fs.renameSync(customers + tmp, customers);
}

/** Exactly `n` orders for the pinned customer: the demo's, repeated on other days when it has fewer. */
function pinnedOrders(theirs: string[][], n: number): string[][] {
  const base = theirs.length ? theirs : [['', '', DEMO_AS_OF, '50.00', '1', 'grocery', 'web']];
  return Array.from({ length: n }, (_v, k) => {
    const o = [...base[k % base.length]];
    o[2] = new Date(Date.parse(`${o[2]}T00:00:00Z`) - Math.floor(k / base.length) * 7 * DAY).toISOString().slice(0, 10);
    return o;
  });
}

/** ../shared/data/synthetic_customers.csv and synthetic_orders.csv, or null when absent (or SEGMENTDESK_NO_SHARED_DATA is set). */
export function sharedCustomers(): CustomerData | null {
  const customers = sharedData('synthetic_customers.csv');
  const orders = sharedData('synthetic_orders.csv');
  return customers && orders ? { label: 'shared synthetic_customers.csv', real: true, customers, orders } : null;
}

/** The customer files of ../shared/data in every encoding, delimiter and locale we meet, as [name, path] of those present. */
export const SHARED_CUSTOMER_FILES = ['Mall_Customers.csv', 'bank-full.csv', 'marketing_campaign.csv', 'telco_customer_churn.csv', 'synthetic_customers_pl_cp1250.csv'];

export function sharedFiles(names: readonly string[] = SHARED_CUSTOMER_FILES): (readonly [string, string])[] {
  return names.map((n) => [n, sharedData(n)] as const).filter((x): x is readonly [string, string] => x[1] !== null);
}

/** The data sets a spec runs on: the generated one always, the real shared file as an extra check when present. */
export function customerDataSets(): CustomerData[] {
  const shared = sharedCustomers();
  return shared ? [generatedCustomers(), shared] : [generatedCustomers()];
}
