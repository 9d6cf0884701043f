// `npm run test:security`: runs @doyensec/electronegativity over electron/ for our Electron version and fails
// on any HIGH finding. The scanner exits 0 even with findings, so this reads its CSV report instead.
// MEDIUM/LOW findings are printed; each one is fixed or explained in docs/SECURITY.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const cli = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
// Another folder may be named (the gate's own test scans a deliberately insecure fixture).
const input = path.resolve(process.argv[2] ?? path.join(root, 'electron'));

/** Minimal CSV reader for the scanner's report (quoted fields, doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/**
 * One scan into a fresh folder. The scanner writes its CSV rows asynchronously and, on a loaded machine,
 * has been seen to leave them interleaved; a report whose rows do not all have the header's columns and a
 * known severity is not trusted (null), and the scan is run again.
 */
function scan() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  const report = path.join(outDir, 'electronegativity-report.csv');
  // The scanner fetches translations from the internet on start; the network guard refuses that, so the
  // check runs the same offline as online (it then uses its bundled English texts).
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'test', 'electron', 'network-guard.cjs'), cli, '-i', input, '-e', electronVersion, '-o', report, '-r', '-v', 'false'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SD_NETWORK_GUARD: 'block' },
  });
  if (!fs.existsSync(report)) {
    process.stderr.write(`electronegativity produced no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}\n`);
    process.exit(1);
  }
  const text = fs.readFileSync(report, 'utf8');
  fs.rmSync(outDir, { recursive: true, force: true });
  const [header, ...rows] = parseCsv(text);
  const col = (name) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const [iIssue, iSev, iConf, iFile, iLoc] = ['issue', 'severity', 'confidence', 'filename', 'location'].map(col);
  if (iIssue < 0 || iSev < 0) {
    process.stderr.write(`unexpected electronegativity report header: ${header.join(',')}\n`);
    process.exit(1);
  }
  if (rows.some((r) => r.length !== header.length || !SEVERITIES.has((r[iSev] ?? '').trim().toUpperCase()))) return null;
  return { text, findings: rows.map((r) => ({ issue: r[iIssue], severity: r[iSev].trim().toUpperCase(), confidence: r[iConf], file: r[iFile], location: r[iLoc] })) };
}

let result = null;
for (let attempt = 1; attempt <= 3 && !result; attempt++) {
  result = scan();
  if (!result) process.stderr.write(`electronegativity: the report of scan ${attempt} is malformed (rows interleaved); scanning again\n`);
}
if (!result) {
  process.stderr.write('electronegativity: three malformed reports in a row; failing closed\n');
  process.exit(1);
}
const findings = result.findings;
const keep = path.join(root, process.argv[2] ? 'electronegativity-report-custom.csv' : 'electronegativity-report.csv');
fs.writeFileSync(keep, result.text);
for (const f of findings) process.stdout.write(`${f.severity.padEnd(13)} ${f.issue.padEnd(36)} ${f.file}:${f.location} (${f.confidence})\n`);
const high = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
const summary = { electron: electronVersion, findings: findings.length, high: high.length, medium: findings.filter((f) => f.severity === 'MEDIUM').length, report: path.relative(root, keep) };
process.stdout.write(`${JSON.stringify(summary)}\n`);
if (high.length) {
  process.stderr.write(`electronegativity: ${high.length} HIGH finding(s); fix them (see docs/SECURITY.md)\n`);
  process.exit(1);
}
