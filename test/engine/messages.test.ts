import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = path.resolve(__dirname, '../../electron/engine');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

// Engine errors reach the app's screens, where a user has no command line: they name the choice to
// make; a flag that fixes it travels in details.cli, which only the CLI prints (electron/cli/index.ts).
describe('engine error messages never tell an app user to use a command-line flag', () => {
  it('no AppError message names a --flag', () => {
    const offenders: string[] = [];
    let messages = 0;
    for (const file of sources(ENGINE)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new AppError\(\s*'[A-Z_]+',\s*(`(?:[^`\\]|\\.|\$\{[^}]*\})*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g)) {
        messages++;
        if (/(^|[\s(`'"])--[a-z]/.test(m[1])) offenders.push(`${path.relative(ENGINE, file)}: ${m[1].slice(0, 120)}`);
      }
    }
    // Most messages now live in the catalogues (shared/i18n): every language's text is checked the same way.
    const catalogues = path.resolve(__dirname, '../../shared/i18n/catalogues');
    for (const locale of fs.readdirSync(catalogues)) {
      for (const file of fs.readdirSync(path.join(catalogues, locale))) {
        for (const [key, text] of Object.entries(JSON.parse(fs.readFileSync(path.join(catalogues, locale, file), 'utf8')) as Record<string, string>)) {
          messages++;
          if (/(^|[\s(`'"«“„])--[a-z]/.test(text)) offenders.push(`${locale}/${file} ${key}: ${text.slice(0, 120)}`);
        }
      }
    }
    expect(messages).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
