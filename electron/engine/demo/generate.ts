import { mulberry32 } from '../random';

/**
 * The demo data: a small synthetic customer export and its orders, generated deterministically
 * from a seed so the shipped files (assets/demo) and a freshly generated copy are byte-identical.
 * Customers belong to hidden personas that drive their spending, so clustering finds structure;
 * a few values are missing and a few customers appear twice, so the quality checks have something to say.
 */

export const DEMO_SEED = 20_240_601;
export const DEMO_AS_OF = '2025-07-01';

const rng = mulberry32;

const FIRST_F = ['Anna', 'Maria', 'Olivia', 'Emma', 'Sophie', 'Zofia', 'Julia', 'Chloé', 'Lucía', 'Hannah', 'Żaneta', 'Amelia', 'Léa', 'Sara', 'Mia'];
const FIRST_M = ['James', 'Lucas', 'Noah', 'Łukasz', 'Jan', 'Pierre', 'Mateo', 'Leon', 'Oliver', 'Jakub', 'Hugo', 'Daniel', 'Felix', 'Adam', 'Tomás'];
const LAST = ['Smith', 'Kowalski', 'Nowak', 'Müller', 'García', 'Martin', 'Dubois', 'Rossi', 'Wiśniewski', 'Schmidt', "O'Brien", 'Lee', 'Fernández', 'Weber', 'Lewandowski'];
const CITIES: [string, string, string][] = [
  ['Poland', 'Warsaw', '00-001'],
  ['Poland', 'Kraków', '30-001'],
  ['Germany', 'Berlin', '10115'],
  ['Germany', 'München', '80331'],
  ['France', 'Paris', '75001'],
  ['France', 'Lyon', '69001'],
  ['Spain', 'Madrid', '28001'],
  ['United States', 'Boston', '02108'],
  ['United Kingdom', 'London', 'SW1A 1AA'],
];
const CHANNELS = ['email', 'sms', 'app', 'none'];
const CATEGORIES = ['grocery', 'apparel', 'beauty', 'electronics', 'home', 'toys'];

interface Persona {
  name: string;
  lifestyle: string;
  ordersPerYear: number;
  basket: number;
  /** Chance of answering the last campaign (the outcome the Outcomes view compares by segment). */
  response: number;
  /**
   * Chance of having stopped buying at some point since sign-up. Churn lives mostly among occasional buyers:
   * when frequent buyers churn as often, their near-zero P(alive) carves them off as the clearest split and
   * the default clustering stops at two groups (churned or not) instead of finding the personas.
   */
  churn: number;
  income: number;
  age: [number, number];
  categories: string[];
}

const PERSONAS: Persona[] = [
  { name: 'bargain', lifestyle: 'bargain hunter', ordersPerYear: 10, basket: 25, response: 0.08, churn: 0.1, income: 32_000, age: [20, 45], categories: ['grocery', 'home'] },
  { name: 'premium', lifestyle: 'premium', ordersPerYear: 5, basket: 220, response: 0.34, churn: 0.05, income: 120_000, age: [35, 65], categories: ['electronics', 'apparel', 'beauty'] },
  { name: 'family', lifestyle: 'family', ordersPerYear: 14, basket: 70, response: 0.18, churn: 0.1, income: 65_000, age: [28, 50], categories: ['grocery', 'toys', 'home'] },
  { name: 'occasional', lifestyle: 'occasional', ordersPerYear: 1.5, basket: 60, response: 0.04, churn: 0.3, income: 48_000, age: [18, 80], categories: CATEGORIES },
  { name: 'loyal', lifestyle: 'loyal regular', ordersPerYear: 24, basket: 45, response: 0.27, churn: 0.1, income: 55_000, age: [40, 80], categories: ['grocery', 'beauty'] },
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const csv = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export interface DemoFiles {
  customers: string;
  orders: string;
}

/** The two CSV files' contents (UTF-8, comma, ISO dates). */
/** A name as an e-mail address part: letters without accents (Łukasz → lukasz, not ukasz: ł has no decomposition). */
function emailPart(name: string): string {
  const plain = name.toLowerCase().replace(/ł/g, 'l').replace(/ø/g, 'o').replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/đ/g, 'd');
  return plain.normalize('NFD').replace(/[^a-z]/g, '');
}

export function generateDemo(customersCount = 2000, seed = DEMO_SEED): DemoFiles {
  const r = rng(seed);
  // The campaign response is drawn from a stream of its own, so every other value is as it was before it was added.
  const campaign = rng(seed + 1);
  // Orders too: the customers file does not move when the order behaviour is tuned.
  const o = rng(seed + 2);
  const oPick = <T,>(a: readonly T[]) => a[Math.floor(o() * a.length)];
  const oNormal = () => Math.sqrt(-2 * Math.log(1 - o())) * Math.cos(2 * Math.PI * o());
  const pick = <T,>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const asOf = Date.parse(`${DEMO_AS_OF}T00:00:00Z`);
  const day = 86_400_000;
  const cust: string[] = ['customer_id,first_name,last_name,email,phone,gender,birth_date,country,city,postal_code,signup_date,marketing_consent,preferred_channel,lifestyle,annual_income,last_campaign_response'];
  const ord: string[] = ['order_id,customer_id,order_date,amount,items,category,channel'];
  let orderNo = 1;
  for (let i = 1; i <= customersCount; i++) {
    const persona = PERSONAS[Math.floor(r() * PERSONAS.length)];
    const female = r() < 0.52;
    const first = pick(female ? FIRST_F : FIRST_M);
    const last = pick(LAST);
    const id = `C${pad(i, 5)}`;
    const [country, city, postal] = pick(CITIES);
    const age = persona.age[0] + Math.floor(r() * (persona.age[1] - persona.age[0]));
    const birth = iso(asOf - (age * 365.25 + r() * 365) * day);
    const signup = asOf - Math.floor((90 + r() * 1800) * day);
    const email = r() < 0.04 ? '' : r() < 0.01 ? `${first.toLowerCase()}.at.example.com` : `${emailPart(first)}.${emailPart(last)}${i}@example.com`;
    const phone = r() < 0.1 ? '' : `+48 ${pad(Math.floor(r() * 1e9), 9)}`;
    const income = r() < 0.05 ? '' : Math.round(persona.income * Math.exp(0.35 * normal()));
    const consent = r() < 0.7 ? 'yes' : 'no';
    const responded = campaign() < persona.response ? 'yes' : 'no';
    const row = [id, first, last, email, phone, female ? 'F' : 'M', birth, country, city, postal, iso(signup), consent, pick(CHANNELS), persona.lifestyle, income, responded].map(csv).join(',');
    cust.push(row);
    // A few customers exported twice (a typical CRM join artefact).
    if (r() < 0.005) cust.push(row);
    // Orders: a Poisson-like count over the customer's tenure; some customers have churned (no recent orders).
    const churnedAt = o() < persona.churn ? signup + o() * (asOf - signup) : asOf;
    const years = (churnedAt - signup) / (365 * day);
    const n = Math.max(0, Math.round(persona.ordersPerYear * years * (0.5 + o())));
    // Customers still buying may buy on the as-of day itself: the data ends on DEMO_AS_OF, as the workspace says.
    const end = churnedAt === asOf ? asOf + day - 1 : churnedAt;
    for (let k = 0; k < n; k++) {
      const when = signup + o() * (end - signup);
      // Baskets vary widely within a customer (log-sd 0.6), as real ones do. With a narrow spread (0.4) the
      // personas' basket sizes were all the spread there was between customers and the Gamma-Gamma spend model
      // ran to a degenerate fit (p ≈ 1e8); at 0.6 it fits sane values (see test/engine/demo/generate.test.ts).
      const amount = Math.max(1, persona.basket * Math.exp(0.6 * oNormal()));
      ord.push([`O${pad(orderNo++, 7)}`, id, iso(when), amount.toFixed(2), 1 + Math.floor(o() * 6), oPick(persona.categories), oPick(['web', 'store', 'app'])].join(','));
    }
  }
  // Orders of customers that are not in the export (deleted accounts): counted as unknown when linked.
  for (let k = 0; k < 25; k++) ord.push([`O${pad(orderNo++, 7)}`, `C${pad(customersCount + 1 + k, 5)}`, iso(asOf - o() * 700 * day), (10 + o() * 90).toFixed(2), 1, oPick(CATEGORIES), 'web'].join(','));
  return { customers: `${cust.join('\n')}\n`, orders: `${ord.join('\n')}\n` };
}
