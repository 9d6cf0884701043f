import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardcoded, rendererFiles } from './hardcoded-strings';

const root = path.resolve(__dirname, '../../../renderer');
const baselineFile = path.join(__dirname, 'untranslated-baseline.json');
/**
 * Files not yet moved to the catalogues, with how many hard-coded strings they still hold. The count may only
 * go down: a new hard-coded string anywhere fails, and so does a file that improved without lowering its count.
 * The goal is an empty file.
 */
const baseline = JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as Record<string, number>;

describe('no hard-coded user-visible text in renderer/', () => {
  const files = rendererFiles(root);
  it('finds text in the kinds of places it hides', () => {
    const found = findHardcoded(
      'x.tsx',
      `const a = <p title="Save the file">Hello there</p>;
       const b = notify('success', 'Segment saved');
       const c = { label: 'Total spend', className: 'primary small' };
       const d = t('app.frame.theme');
       // i18n-ignore: developer message
       throw new Error('useApp outside StoreProvider');
       const e = <b data-testid="x y">{\`\${n} customers\`}</b>;`,
    );
    expect(found.map((f) => f.text)).toEqual(['Save the file', 'Hello there', 'Segment saved', 'Total spend', '${} customers']);
  });

  it('every file holds no more hard-coded text than its baseline', () => {
    const over: string[] = [];
    const now: Record<string, number> = {};
    for (const file of files) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const found = findHardcoded(rel, fs.readFileSync(file, 'utf8'));
      if (found.length > 0) now[rel] = found.length;
      if (found.length > (baseline[rel] ?? 0)) over.push(...found.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`));
    }
    const stale = Object.entries(baseline).filter(([f, n]) => (now[f] ?? 0) < n).map(([f, n]) => `${f}: baseline ${n}, now ${now[f] ?? 0} (lower it)`);
    if (process.env.I18N_BASELINE_WRITE) fs.writeFileSync(baselineFile, `${JSON.stringify(now, null, 2)}\n`);
    expect(over).toEqual([]);
    expect(stale).toEqual([]);
  });
});
