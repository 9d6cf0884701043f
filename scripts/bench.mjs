// Runs one benchmark: `npm run bench -- <name>` → test/bench/<name>.ts under tsx.
// The benchmark prints its result as one JSON object on the last stdout line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
const dir = path.resolve('test/bench');
if (!name) {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)) : [];
  console.error(`usage: npm run bench -- <name>\navailable: ${names.join(', ') || '(none)'}`);
  process.exit(2);
}
const file = path.join(dir, `${name}.ts`);
if (!/^[\w-]+$/.test(name) || !fs.existsSync(file)) {
  console.error(`no benchmark named "${name}" (expected ${file})`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
