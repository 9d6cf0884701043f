import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * The report's own fonts, embedded as data: URLs so it stays self-contained and reads the same on a machine with no
 * Polish-capable or Chinese font (Debian's Chromium on CI has none for Chinese). Noto Sans (Latin, Latin Extended
 * for ą ę ś ł, French accents) and Noto Sans SC come from @fontsource, whose files are split into subsets by
 * unicode-range: only the subsets holding a character of the report are embedded, so a Polish report carries a few
 * tens of KB and a Chinese one a few hundred.
 */

/** The report's font stack: the embedded fonts first, then what the reader's machine may have. */
export const REPORT_FONT_FAMILY = '"Noto Sans", "Noto Sans SC", "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif';
/** The same for chart SVG text (unquoted: it goes into a style attribute). */
export const CHART_FONT_FAMILY = 'Noto Sans, Noto Sans SC, DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif';

interface Face {
  family: string;
  weight: number;
  file: string;
  ranges: [number, number][];
}

/** Bold Chinese is drawn by the browser from the regular face: a second weight would double the embedded size. */
const SOURCES: { pkg: string; weights: number[] }[] = [
  { pkg: '@fontsource/noto-sans', weights: [400, 700] },
  { pkg: '@fontsource/noto-sans-sc', weights: [400] },
];

// Bundled (CJS) code has __filename; under tsx/vitest node_modules resolves from the project root.
const load = createRequire(typeof __filename === 'string' ? __filename : `${process.cwd()}/`);

let faces: Face[] | null = null;

function parseRange(r: string): [number, number] | null {
  const m = /^U\+([0-9a-f?]+)(?:-([0-9a-f]+))?$/i.exec(r.trim());
  if (!m) return null;
  if (m[1].includes('?')) return [parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)];
  const lo = parseInt(m[1], 16);
  return [lo, m[2] ? parseInt(m[2], 16) : lo];
}

/** The @font-face rules of the packages' CSS (one per subset and weight), with their woff2 files. */
export function fontFaces(): Face[] {
  if (faces) return faces;
  const found: Face[] = [];
  for (const src of SOURCES) {
    let dir: string;
    try {
      dir = path.dirname(load.resolve(`${src.pkg}/package.json`));
    } catch {
      continue; // Not installed: the report falls back to the reader's fonts.
    }
    for (const weight of src.weights) {
      const cssFile = path.join(dir, `${weight}.css`);
      if (!fs.existsSync(cssFile)) continue;
      const css = fs.readFileSync(cssFile, 'utf8');
      for (const block of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
        const body = block[1];
        const family = /font-family:\s*'([^']+)'/.exec(body)?.[1];
        const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
        const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
        if (!family || !file || !range || /font-style:\s*italic/.test(body)) continue;
        const ranges = range.split(',').map(parseRange).filter((x): x is [number, number] => x !== null);
        found.push({ family, weight, file: path.join(dir, 'files', file), ranges });
      }
    }
  }
  faces = found;
  return found;
}

/** The code points of a text (once each). */
function codePoints(text: string): number[] {
  const seen = new Set<number>();
  for (const ch of text) seen.add(ch.codePointAt(0)!);
  return [...seen].sort((a, b) => a - b);
}

/**
 * @font-face rules for the subsets `text` needs, each woff2 inlined as a data: URL, in the packages' order (so the
 * same text gives the same CSS). Empty when the font packages are missing.
 */
export function embeddedFontCss(text: string): string {
  const all = fontFaces();
  const covers = (f: Face, c: number) => f.ranges.some(([lo, hi]) => c >= lo && c <= hi);
  // A character is drawn with the first family of the stack that has it (Noto Sans SC's subsets also hold Latin
  // letters and punctuation, which Noto Sans draws): only that family's subsets holding it are needed.
  const families = [...new Set(all.map((f) => f.family))];
  const used = new Set<Face>();
  for (const c of codePoints(text)) {
    const family = families.find((fam) => all.some((f) => f.family === fam && covers(f, c)));
    if (family) for (const f of all) if (f.family === family && covers(f, c)) used.add(f);
  }
  const rules: string[] = [];
  for (const f of all) {
    if (!used.has(f) || !fs.existsSync(f.file)) continue;
    const data = fs.readFileSync(f.file).toString('base64');
    const range = f.ranges.map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`)).join(',');
    rules.push(`@font-face { font-family: '${f.family}'; font-style: normal; font-weight: ${f.weight}; font-display: block; src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${range}; }`);
  }
  return rules.join('\n');
}
