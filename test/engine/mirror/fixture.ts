import fs from 'node:fs';
import path from 'node:path';

/** 60 customers; every third lives in Lyon (the segment), each with an e-mail of their own. */
export function writeCustomers(dir: string): string {
  const lines = ['customer_id,email,city,spend'];
  for (let i = 1; i <= 60; i++) lines.push(`C${String(i).padStart(4, '0')},c${i}@example.org,${i % 3 === 0 ? 'Lyon' : 'Paris'},${i * 10}`);
  const file = path.join(dir, 'customers.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export const LYON = { field: 'city', op: 'eq', value: 'Lyon' } as const;

/** The e-mails (second column) of an exported CSV. */
export function exportedEmails(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(',')[1].replace(/^"(.*)"$/, '$1'));
}
