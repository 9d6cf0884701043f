// Writes assets/demo/{customers,orders}.csv from the deterministic generator (run: npx tsx scripts/generate-demo.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../electron/engine/demo/generate';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'demo');
fs.mkdirSync(dir, { recursive: true });
const files = generateDemo();
fs.writeFileSync(path.join(dir, 'customers.csv'), files.customers);
fs.writeFileSync(path.join(dir, 'orders.csv'), files.orders);
process.stdout.write(`wrote ${dir}/customers.csv and orders.csv\n`);
