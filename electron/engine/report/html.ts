/** HTML building blocks for the packaged report: everything escaped, everything inline. */
import { embeddedFontCss, REPORT_FONT_FAMILY } from './fonts';

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type CellText = string | number;

export interface TableSpec {
  caption?: string;
  head: string[];
  rows: CellText[][];
  /** Columns to right-align (numbers). */
  numeric?: number[];
  note?: string;
}

export function table(t: TableSpec): string {
  const num = new Set(t.numeric ?? []);
  const th = t.head.map((h, i) => `<th${num.has(i) ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${num.has(i) ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return [
    '<table>',
    t.caption ? `<caption>${esc(t.caption)}</caption>` : '',
    `<thead><tr>${th}</tr></thead>`,
    `<tbody>${body}</tbody>`,
    '</table>',
    t.note ? `<p class="note">${esc(t.note)}</p>` : '',
  ].join('');
}

export function para(text: string, cls?: string): string {
  return `<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`;
}

export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

export function h(level: 2 | 3, text: string): string {
  return `<h${level}>${esc(text)}</h${level}>`;
}

export function dl(items: [string, string][]): string {
  return `<dl>${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

/**
 * The report's own CSP: nothing may be fetched (no network, no file), styles and images only
 * inline. Even if some text slipped through unescaped, the browser would refuse to load it.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: ${REPORT_FONT_FAMILY}; color: #1d2430; margin: 0; font-size: 10.5pt; line-height: 1.45; background: #fff; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
section { break-before: page; padding-top: 4mm; }
section.title { break-before: auto; min-height: 250mm; display: flex; flex-direction: column; justify-content: center; align-items: flex-start; gap: 6mm; }
.title h1 { font-size: 28pt; margin: 0; color: #14365d; }
.title .sub { font-size: 14pt; color: #4a5565; margin: 0; }
.title .logo { max-width: 60mm; max-height: 30mm; }
.title dl { margin-top: 10mm; }
h2 { font-size: 17pt; color: #14365d; border-bottom: 2px solid #14365d; padding-bottom: 2mm; margin: 0 0 4mm; }
h3 { font-size: 12.5pt; color: #24466e; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; break-inside: auto; }
caption { text-align: left; font-weight: 600; padding-bottom: 1mm; }
th, td { border-bottom: 1px solid #d9dee6; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #4a5565; margin-top: 1mm; }
.note { font-size: 9pt; color: #4a5565; }
.rule { font-family: "DejaVu Sans Mono", Consolas, monospace; background: #f5f7fa; padding: 2mm 3mm; border-left: 3px solid #14365d; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 2mm 0; }
dt { font-weight: 600; color: #4a5565; }
dd { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(55mm, 1fr)); gap: 3mm; }
.card { border: 1px solid #d9dee6; border-radius: 2mm; padding: 3mm; break-inside: avoid; }
.card h4 { margin: 0 0 1mm; font-size: 11pt; }
.toc li { margin: 1mm 0; }
`;

export interface PageParts {
  title: string;
  body: string[];
  /** The report's language (BCP 47), for <html lang> (hyphenation, the reader's voice, CJK line breaking). */
  lang: string;
}

export function page(p: PageParts): string {
  // The fonts embedded are those the text needs: the title, the body, chart labels.
  const fonts = embeddedFontCss(`${p.title}\n${p.body.join('\n')}`);
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(p.lang)}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(p.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    fonts ? `<style>\n${fonts}\n</style>` : '',
    '</head><body><main>',
    ...p.body,
    '</main></body></html>',
    '',
  ].join('\n');
}
