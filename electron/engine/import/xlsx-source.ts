/**
 * Excel workbooks (.xlsx, .xlsm), read as a stream: the sheet's XML is inflated and cut into rows
 * chunk by chunk, never held whole. Why our own reader rather than exceljs' streaming WorkbookReader:
 * measured on the same generated workbook (docs/ARCHITECTURE.md, "Excel import"), exceljs built a
 * full cell object (style, value model) per cell and was several times slower; this reads only what an
 * import needs: values, the date/zero-padding of their number formats, hidden rows/columns, merges.
 *
 * Values come out as text the same way CSV cells do, so inference, conversion and errors are shared:
 * dates as ISO (1900 and 1904 date systems), formulas as their cached results, numbers as written
 * (text cells, such as zip codes with leading zeros, stay text).
 */
import { StringDecoder } from 'node:string_decoder';
import type { ParseOptions, SheetInfo } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import type { TabularSample } from './tabular-sample';
import { ZipFile } from './zip-entries';
import { msg } from '../../../shared/i18n/current';

type NumberKind = 'plain' | 'date' | 'datetime' | 'time' | { zeros: number };

interface Workbook {
  zip: ZipFile;
  sheets: { name: string; part: string; hidden: boolean }[];
  date1904: boolean;
  /** Where the shared strings are (null: none); loaded by loadStrings. */
  sstPart: string | null;
  /** Per cell style (the `s` attribute): how its numbers read. */
  styles: NumberKind[];
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → string: entities, and OOXML's `_xHHHH_` escapes (control characters such as CR). */
export function unescapeXml(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITY[e] ?? m),
    );
  }
  if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

function attr(tag: string, name: string): string | null {
  const k = tag.indexOf(` ${name}="`);
  if (k < 0) return null;
  const from = k + name.length + 3;
  return tag.slice(from, tag.indexOf('"', from));
}

/** Text of every <t> in an element (rich text runs joined; phonetic runs left out). */
function textOf(xml: string): string {
  let out = '';
  const noPhonetic = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh[\s\S]*?<\/rPh>/g, '') : xml;
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
  for (let m = re.exec(noPhonetic); m; m = re.exec(noPhonetic)) out += m[1];
  return unescapeXml(out);
}

const BUILTIN_DATE: Record<number, NumberKind> = {
  14: 'date', 15: 'date', 16: 'date', 17: 'date', 18: 'time', 19: 'time', 20: 'time', 21: 'time', 22: 'datetime', 45: 'time', 46: 'time', 47: 'time',
};

/** What a number format code makes of a number: a date/time, zero-padding (`00000` zip codes), or plain. */
export function numberKind(code: string): NumberKind {
  const bare = code.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  if (/^0+$/.test(bare) && bare.length > 1) return { zeros: bare.length };
  const lower = bare.toLowerCase();
  const hasDate = /[dy]/.test(lower) || (/m/.test(lower) && !/[hs]/.test(lower));
  const hasTime = /[hs]/.test(lower);
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  return 'plain';
}

function readStyles(xml: string | null): NumberKind[] {
  if (!xml) return [];
  const custom = new Map<number, NumberKind>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (code !== null) custom.set(id, numberKind(unescapeXml(code)));
  }
  const xfs = /<(?:\w+:)?cellXfs[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  if (!xfs) return [];
  return [...xfs[1].matchAll(/<(?:\w+:)?xf\s[^>]*?\/?>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_DATE[id] ?? 'plain';
  });
}

function openWorkbook(file: string): Workbook {
  const zip = new ZipFile(file);
  const wb = zip.text('xl/workbook.xml');
  if (!wb) throw new AppError('BAD_INPUT', `${file}: a ZIP archive but not an Excel workbook (no xl/workbook.xml)`, { file });
  const rels = zip.text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = [...wb.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)].map((m) => {
    const rid = /\sr:id="([^"]*)"/.exec(m[0])?.[1] ?? '';
    return { name: unescapeXml(attr(m[0], 'name') ?? ''), part: targets.get(rid) ?? '', hidden: (attr(m[0], 'state') ?? 'visible') !== 'visible' };
  });
  const pr = /<(?:\w+:)?workbookPr\s[^>]*>/.exec(wb)?.[0] ?? '';
  const d1904 = attr(pr, 'date1904');
  const sstPart = zip.entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null;
  return { zip, sheets, date1904: d1904 === '1' || d1904 === 'true', sstPart, styles: readStyles(zip.text('xl/styles.xml')) };
}

/**
 * The shared string table, compact: every string's UTF-8 bytes in one growing buffer with their offsets,
 * rather than millions of JS strings (a 1M-row sheet of unique names and e-mails has millions of shared
 * strings: as strings they were most of the import's memory). A cell's text is decoded when it is read.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private starts = new Int32Array(1 << 14);
  private ends = new Int32Array(1 << 14);
  count = 0;

  private push(src: Buffer, from: number, to: number): void {
    const n = to - from;
    if (this.used + n > this.bytes.length) {
      const b = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + n));
      this.bytes.copy(b, 0, 0, this.used);
      this.bytes = b;
    }
    if (this.count === this.starts.length) {
      const s2 = new Int32Array(this.starts.length * 2);
      s2.set(this.starts);
      this.starts = s2;
      const e2 = new Int32Array(this.ends.length * 2);
      e2.set(this.ends);
      this.ends = e2;
    }
    src.copy(this.bytes, this.used, from, to);
    this.starts[this.count] = this.used;
    this.used += n;
    this.ends[this.count] = this.used;
    this.count++;
  }

  /** Add one `<si>` element's content (bytes from..to of `xml`). */
  add(xml: Buffer, from: number, to: number): void {
    // The common case, `<si><t>plain text</t></si>`: its bytes as they are, nothing decoded.
    if (to - from >= 7 && xml[from] === 0x3c && xml[from + 1] === 0x74 && (xml[from + 2] === 0x3e || xml[from + 2] === 0x20)) {
      const open = xml.indexOf(0x3e, from);
      const close = to - 4;
      if (xml[open - 1] !== 0x2f && open < close && xml.toString('latin1', close, to) === '</t>') {
        let plain = true;
        for (let i = open + 1; i < close; i++) {
          const c = xml[i];
          if (c === 0x3c || c === 0x26 || (c === 0x5f && xml[i + 1] === 0x78)) {
            plain = false;
            break;
          }
        }
        if (plain) {
          this.push(xml, open + 1, close);
          return;
        }
      }
    }
    const text = Buffer.from(textOf(xml.toString('utf8', from, to)), 'utf8');
    this.push(text, 0, text.length);
  }

  get(i: number): string {
    return i >= 0 && i < this.count ? this.bytes.toString('utf8', this.starts[i], this.ends[i]) : '';
  }
}

/** Read the shared strings (all, or the first `upTo`), streaming the part so its XML is never whole in memory. */
async function loadStrings(wb: Workbook, upTo = Infinity): Promise<SharedStrings> {
  const sst = new SharedStrings();
  if (!wb.sstPart) return sst;
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of wb.zip.stream(wb.sstPart)) {
    const buf = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      const si = buf.indexOf('<si', at);
      if (si < 0 || si + 4 > buf.length) break;
      const k = buf[si + 3];
      if (k !== 0x3e && k !== 0x2f && k !== 0x20) {
        at = si + 3;
        continue;
      }
      if (k === 0x2f) {
        const e = buf.indexOf(0x3e, si);
        if (e < 0) break;
        sst.add(buf, e, e);
        at = e + 1;
        continue;
      }
      const openEnd = buf.indexOf(0x3e, si);
      const end = buf.indexOf('</si>', openEnd);
      if (openEnd < 0 || end < 0) break;
      sst.add(buf, openEnd + 1, end);
      at = end + 5;
      if (sst.count >= upTo) return sst;
    }
    pending = Buffer.from(buf.subarray(at));
  }
  return sst;
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** An Excel serial day number as ISO text (1900 system with its phantom 29 Feb 1900, or 1904). */
export function serialToIso(serial: number, kind: 'date' | 'datetime' | 'time', date1904: boolean): string {
  let days = Math.floor(serial);
  const secs = Math.round((serial - days) * 86400);
  const time = `${p2(Math.floor(secs / 3600) % 24)}:${p2(Math.floor(secs / 60) % 60)}:${p2(secs % 60)}`;
  if (kind === 'time') return time;
  if (secs === 86400) days++;
  const epochDays = date1904 ? days - 24107 : days < 60 ? days - 25568 : days - 25569;
  const d = new Date(epochDays * 86400000);
  const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  return kind === 'date' && secs % 86400 === 0 ? date : `${date}T${secs === 86400 ? '00:00:00' : time}`;
}

/** Column index (0-based) of a cell reference such as `AB12`. */
function colOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return c - 1;
}

interface SheetRow {
  /** 1-based row number in the sheet. */
  n: number;
  values: string[];
  hidden: boolean;
}

interface SheetStats {
  hiddenRows: number;
  hiddenCols: number[];
  formulasWithoutValue: number;
  merges: string[];
  /** Rows only counted (past the sample). */
  skippedRows: number;
}

/**
 * The sheet's rows as text values, in batches. Empty rows are left out (as blank lines are in CSV).
 * `onTail` (set): after the rows, the rest of the XML (merged cell ranges) is collected into `stats`.
 */
async function* sheetRows(wb: Workbook, part: string, stats: SheetStats, strings: SharedStrings | null, valuesUntil = Infinity): AsyncGenerator<SheetRow[]> {
  let emitted = 0;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let prefix: string | null = null;
  let rowOpen = '<row';
  let rowClose = '</row>';
  let cOpen = '<c';
  let cClose = '</c>';
  let inData = true;
  const { styles, date1904 } = wb;
  for await (const chunk of wb.zip.stream(part)) {
    const text = pending + decoder.write(chunk);
    if (prefix === null) {
      const ws = /<(\w+:)?worksheet[\s>]/.exec(text);
      if (!ws) {
        pending = text;
        continue;
      }
      prefix = ws[1] ?? '';
      rowOpen = `<${prefix}row`;
      rowClose = `</${prefix}row>`;
      cOpen = `<${prefix}c`;
      cClose = `</${prefix}c>`;
      const cols = new RegExp(`<${prefix}col\\s[^>]*>`, 'g');
      const colsEnd = text.indexOf('<' + prefix + 'sheetData');
      for (const m of text.slice(0, colsEnd < 0 ? text.length : colsEnd).matchAll(cols)) {
        const h = attr(m[0], 'hidden');
        if (h === '1' || h === 'true') for (let c = Number(attr(m[0], 'min')); c <= Number(attr(m[0], 'max')) && c < 16385; c++) stats.hiddenCols.push(c);
      }
    }
    if (!inData) {
      for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s[^>]*>/g)) stats.merges.push(attr(m[0], 'ref') ?? '');
      const last = text.lastIndexOf('<');
      pending = last >= 0 ? text.slice(last) : '';
      continue;
    }
    const out: SheetRow[] = [];
    let at = 0;
    if (emitted >= valuesUntil) {
      // Past the rows wanted: rows only counted, up to the end of the data (the merged ranges follow it). The few
      // characters kept for the next chunk cannot hold a whole '<row', so none is counted twice.
      const endData = text.indexOf(`</${prefix}sheetData>`);
      const region = endData >= 0 ? endData : text.length;
      for (let k = text.indexOf(rowOpen); k >= 0 && k < region; k = text.indexOf(rowOpen, k + 1)) {
        const ch = text.charCodeAt(k + rowOpen.length);
        if (ch === 32 || ch === 62 || ch === 47) stats.skippedRows++;
      }
      at = endData >= 0 ? endData : Math.max(0, text.length - (rowOpen.length - 1));
    }
    for (; emitted < valuesUntil; ) {
      const rs = text.indexOf(rowOpen, at);
      if (rs < 0 || rs + rowOpen.length >= text.length) break;
      const k = text.charCodeAt(rs + rowOpen.length);
      if (k !== 32 && k !== 62 && k !== 47) {
        at = rs + rowOpen.length;
        continue;
      }
      const openEnd = text.indexOf('>', rs);
      if (openEnd < 0) break;
      const openTag = text.slice(rs, openEnd + 1);
      let body = '';
      let next: number;
      if (text.charCodeAt(openEnd - 1) === 47) {
        next = openEnd + 1;
      } else {
        const re = text.indexOf(rowClose, openEnd);
        if (re < 0) break;
        body = text.slice(openEnd + 1, re);
        next = re + rowClose.length;
      }
      at = next;
      const rAttr = attr(openTag, 'r');
      const h = attr(openTag, 'hidden');
      const values: string[] = [];
      let any = false;
      for (let cs = body.indexOf(cOpen), seq = 0; cs >= 0; cs = body.indexOf(cOpen, cs + 1)) {
        const ck = body.charCodeAt(cs + cOpen.length);
        if (ck !== 32 && ck !== 62 && ck !== 47) continue;
        const tagEnd = body.indexOf('>', cs);
        const tag = body.slice(cs, tagEnd + 1);
        const ref = attr(tag, 'r');
        const col = ref ? colOf(ref) : seq;
        seq = col + 1;
        if (body.charCodeAt(tagEnd - 1) === 47) continue;
        const ce = body.indexOf(cClose, tagEnd);
        const inner = body.slice(tagEnd + 1, ce);
        const t = attr(tag, 't');
        let v: string;
        if (t === 'inlineStr') {
          v = textOf(inner);
        } else {
          const vs = inner.indexOf('<' + prefix + 'v');
          if (vs < 0) {
            if (inner.indexOf('<' + prefix + 'f') >= 0) stats.formulasWithoutValue++;
            continue;
          }
          const vOpenEnd = inner.indexOf('>', vs);
          const raw = inner.slice(vOpenEnd + 1, inner.indexOf('</', vOpenEnd));
          // Without the table (sampling), the index travels as \0N and is looked up once the sample is known.
          if (t === 's') v = strings ? strings.get(Number(raw)) : `\u0000${raw}`;
          else if (t === 'str' || t === 'e') v = unescapeXml(raw);
          else if (t === 'b') v = raw === '1' ? 'true' : 'false';
          else if (t === 'd') v = raw;
          else {
            const s = attr(tag, 's');
            const kind = s === null ? 'plain' : (styles[Number(s)] ?? 'plain');
            if (kind === 'plain') v = raw;
            else if (typeof kind === 'object') v = raw.padStart(kind.zeros, '0');
            else v = serialToIso(Number(raw), kind, date1904);
          }
        }
        if (v === '') continue;
        while (values.length < col) values.push('');
        values[col] = v;
        any = true;
      }
      const hidden = h === '1' || h === 'true';
      if (hidden) stats.hiddenRows++;
      if (any) {
        out.push({ n: rAttr ? Number(rAttr) : (out.length > 0 ? out[out.length - 1].n + 1 : 1), values, hidden });
        emitted++;
      }
    }
    const dataEnd = text.indexOf(`</${prefix}sheetData>`, at);
    if (dataEnd >= 0) {
      inData = false;
      const restText = text.slice(dataEnd);
      for (const m of restText.matchAll(/<(?:\w+:)?mergeCell\s[^>]*>/g)) stats.merges.push(attr(m[0], 'ref') ?? '');
      const last = restText.lastIndexOf('<');
      pending = last >= 0 ? restText.slice(last) : '';
    } else {
      pending = text.slice(at);
    }
    if (out.length > 0) yield out;
  }
}

/** Rows of a sheet from its `<dimension ref="A1:T5000">`, read from the first inflated chunk only; -1 when absent. */
async function dimensionRows(wb: Workbook, part: string): Promise<number> {
  let head = '';
  for await (const chunk of wb.zip.stream(part)) {
    head += chunk.toString('utf8');
    if (head.includes('sheetData') || head.length > 256 * 1024) break;
  }
  const ref = /<(?:\w+:)?dimension\s+ref="([^"]*)"/.exec(head)?.[1];
  if (!ref) return -1;
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : -1;
}

function pickSheet(file: string, wb: Workbook, sheet: string | number | null | undefined): { name: string; part: string } {
  if (wb.sheets.length === 0) throw new AppError('BAD_INPUT', msg('data.xlsx.noSheets', { file }), { file });
  if (sheet === null || sheet === undefined) {
    const s = wb.sheets.find((x) => !x.hidden) ?? wb.sheets[0];
    return s;
  }
  const s = typeof sheet === 'number' ? wb.sheets[sheet - 1] : (wb.sheets.find((x) => x.name === sheet) ?? (/^\d+$/.test(sheet) ? wb.sheets[Number(sheet) - 1] : undefined));
  if (!s) {
    throw new AppError('BAD_INPUT', msg(typeof sheet === 'number' ? 'data.xlsx.noSheetNumber' : 'data.xlsx.noSheetNamed', { file, sheet: String(sheet), sheets: wb.sheets.map((x) => x.name).join(', ') }), { file, sheet });
  }
  return s;
}

/** Cell reference ranges → 0-based {r1, c1, r2, c2} (rows 1-based as in the sheet). */
function parseRange(ref: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { c1: colOf(m[1]), r1: Number(m[2]), c2: colOf(m[3]), r2: Number(m[4]) };
}

const colName = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : colName(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26)));

const filled = (r: SheetRow) => r.values.filter((v) => v !== '').length;

/**
 * The sheet picker's list, the sample rows, and where the table starts: title rows (a single filled cell
 * above a wider table) are skipped; a header with merged cells over two rows (a group name merged across
 * the columns of its sub-headers) becomes one row of names such as "Address street".
 */
export async function sampleWorkbook(file: string, options: ParseOptions, max: number, warnings: string[]): Promise<TabularSample> {
  const wb = openWorkbook(file);
  const chosen = pickSheet(file, wb, options.sheet);
  const sheets: SheetInfo[] = [];
  for (const [i, s] of wb.sheets.entries()) sheets.push({ name: s.name, index: i + 1, rows: await dimensionRows(wb, s.part), hidden: s.hidden });
  const stats: SheetStats = { hiddenRows: 0, hiddenCols: [], formulasWithoutValue: 0, merges: [], skippedRows: 0 };
  const rows: SheetRow[] = [];
  // The whole sheet is walked (rows past the sample only counted) so the merged ranges at its end are known.
  for await (const batch of sheetRows(wb, chosen.part, stats, null, max)) {
    for (const r of batch) if (rows.length < max) rows.push(r);
  }
  const info = sheets.find((s) => s.name === chosen.name)!;
  if (info.rows < 0) info.rows = rows.length + stats.skippedRows;
  // The shared strings the sample uses: the table is read only as far as the highest index among them.
  let highest = -1;
  for (const r of rows) for (const v of r.values) if (v.charCodeAt(0) === 0) highest = Math.max(highest, Number(v.slice(1)));
  if (highest >= 0) {
    const sst = await loadStrings(wb, highest + 1);
    for (const r of rows) for (let c = 0; c < r.values.length; c++) if (r.values[c].charCodeAt(0) === 0) r.values[c] = sst.get(Number(r.values[c].slice(1)));
  }
  if (rows.length === 0) throw new AppError('BAD_INPUT', msg('data.xlsx.emptySheet', { file, sheet: chosen.name }), { file, sheet: chosen.name });
  const width = Math.max(...rows.slice(0, 200).map(filled));
  // Title rows: one filled cell (often merged across the table) while the table is wider.
  let top = 0;
  while (top < rows.length - 1 && top < 20 && width >= 2 && filled(rows[top]) <= 1) top++;
  const merges = stats.merges.map(parseRange).filter((m): m is NonNullable<typeof m> => m !== null);
  const headerRow = rows[top];
  const headerValues = [...headerRow.values];
  let headerRows = 1;
  const horizontal = merges.filter((m) => m.r1 === headerRow.n && m.c2 > m.c1);
  const below = rows[top + 1];
  if (horizontal.length > 0 && below && below.n === headerRow.n + 1 && filled(below) >= width * 0.5 && below.values.every((v) => v === '' || Number.isNaN(Number(v)))) {
    // Two header rows: the group name (merged) before each sub-header.
    const names: string[] = [];
    for (let c = 0; c < Math.max(headerValues.length, below.values.length); c++) {
      const m = horizontal.find((x) => c >= x.c1 && c <= x.c2);
      const group = m ? (headerRow.values[m.c1] ?? '') : (headerValues[c] ?? '');
      const sub = below.values[c] ?? '';
      names.push(m && sub ? `${group} ${sub}` : sub || group);
    }
    headerValues.splice(0, headerValues.length, ...names);
    headerRows = 2;
  } else {
    // One header row: a name merged across columns names each of them (name, name_2 …).
    for (const m of horizontal) for (let c = m.c1 + 1; c <= m.c2; c++) if (!headerValues[c]) headerValues[c] = headerRow.values[m.c1] ?? '';
  }
  const records = [...rows.slice(0, top).map((r) => r.values), headerValues, ...rows.slice(top + headerRows).map((r) => r.values)];
  if (top > 0) warnings.push(msg('data.xlsx.titleRows', { sheet: chosen.name, count: top, row: String(headerRow.n) }));
  if (headerRows === 2) warnings.push(msg('data.xlsx.twoHeaderRows', { sheet: chosen.name, from: String(headerRow.n), to: String(below!.n) }));
  if (stats.hiddenRows > 0) warnings.push(msg('data.xlsx.hiddenRows', { sheet: chosen.name, count: stats.hiddenRows, n: String(stats.hiddenRows) }));
  if (stats.hiddenCols.length > 0) warnings.push(msg('data.xlsx.hiddenColumns', { sheet: chosen.name, columns: stats.hiddenCols.map((c) => colName(c - 1)).join(', ') }));
  if (stats.formulasWithoutValue > 0) warnings.push(msg('data.xlsx.formulas', { sheet: chosen.name, count: stats.formulasWithoutValue, n: String(stats.formulasWithoutValue) }));
  // A header with two rows is dropped from the streamed rows along with the title rows.
  return { records, keys: [], sheet: chosen.name, sheets, skipRows: top, headerRows, header: headerRows === 2 ? true : null, date1904: wb.date1904 };
}

/** Every row of the sheet after `skip` filled rows (title and header rows), values as text. */
export async function* workbookRows(file: string, sheet: string | null, skip: number): AsyncGenerator<string[][]> {
  const wb = openWorkbook(file);
  const chosen = pickSheet(file, wb, sheet);
  const stats: SheetStats = { hiddenRows: 0, hiddenCols: [], formulasWithoutValue: 0, merges: [], skippedRows: 0 };
  const strings = await loadStrings(wb);
  let skipped = 0;
  for await (const batch of sheetRows(wb, chosen.part, stats, strings)) {
    let from = 0;
    if (skipped < skip) {
      from = Math.min(batch.length, skip - skipped);
      skipped += from;
    }
    if (from < batch.length) yield batch.slice(from).map((r) => r.values);
  }
}
