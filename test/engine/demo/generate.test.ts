import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../electron/engine/demo/generate';

const DEMO = path.resolve(__dirname, '../../../assets/demo');

describe('demo data', () => {
  it('is what the seeded generator makes (regenerate with npx tsx scripts/generate-demo.ts)', () => {
    const files = generateDemo();
    expect(files.customers).toBe(fs.readFileSync(path.join(DEMO, 'customers.csv'), 'utf8'));
    expect(files.orders).toBe(fs.readFileSync(path.join(DEMO, 'orders.csv'), 'utf8'));
  });

  it('writes e-mail addresses from the names without dropping letters (Łukasz → lukasz)', () => {
    const rows = generateDemo().customers.trim().split('\n').slice(1).map((l) => l.split(','));
    const polish = rows.filter((r) => r[1] === 'Łukasz' && r[3].endsWith('@example.com'));
    expect(polish.length).toBeGreaterThan(0);
    for (const r of polish) expect(r[3].startsWith('lukasz.')).toBe(true);
    for (const r of rows) if (r[3].endsWith('@example.com')) expect(r[3]).toMatch(/^[a-z]+\.[a-z]+\d+@example\.com$/);
  });
});
