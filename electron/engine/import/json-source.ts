/**
 * JSON exports as shop platforms' APIs produce them: an array of objects (`[{...},{...}]`) or one object
 * per line (NDJSON / JSON Lines). Nested objects become dotted column names (`customer.email`); arrays
 * are kept as their JSON text. Read as a stream: each top-level object is cut from the text and parsed
 * alone, so a file far larger than memory imports.
 */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../../shared/contract/result';

export type JsonFormat = 'json' | 'ndjson';

/** One record's values by dotted key, as text (numbers as written by JSON.stringify, booleans true/false, null empty). */
export function flatten(obj: unknown, prefix: string, out: Map<string, string>): void {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  const key = prefix || 'value';
  if (obj === null || obj === undefined) out.set(key, '');
  else if (typeof obj === 'string') out.set(key, obj);
  else if (typeof obj === 'number' || typeof obj === 'boolean') out.set(key, String(obj));
  else out.set(key, JSON.stringify(obj));
}

/** Line and column (1-based) of a character offset, for error messages. */
function lineCol(text: string, at: number, lineBase: number): { line: number; column: number } {
  let line = lineBase;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: at - last };
}

/**
 * The file's top-level objects, flattened, in order. For an array the text is walked character by
 * character only to find where each element ends (strings and nesting tracked); JSON.parse reads the element.
 */
export async function* jsonObjects(file: string, format: JsonFormat, progress: { bytes: number } = { bytes: 0 }): AsyncGenerator<Map<string, string>[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 1;
  let record = 0;
  let started = format === 'ndjson';
  let ended = false;
  /** Inside an object wrapping the array: its nesting depth until the array starts. */
  let wrapper = 0;
  /** Walk state carried between chunks for the array form. */
  let depth = 0;
  let inString = false;
  let escaped = false;
  let objStart = -1;
  let scanFrom = 0;
  const fail = (msg: string, at: number, text: string): never => {
    const { line: l, column } = lineCol(text, at, line);
    throw new AppError('BAD_INPUT', `${file}: line ${l}, column ${column}: ${msg}`, { file, row: record + 1, line: l, column });
  };
  const parse = (text: string, from: number, to: number): Map<string, string> => {
    record++;
    let v: unknown;
    try {
      v = JSON.parse(text.slice(from, to));
    } catch (err) {
      return fail(`record ${record} is not valid JSON (${(err as Error).message})`, from, text);
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(`record ${record} is not an object`, from, text);
    const m = new Map<string, string>();
    flatten(v, '', m);
    return m;
  };
  const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    progress.bytes += chunk.length;
    let text = pending + decoder.write(chunk);
    if (first) {
      text = text.replace(/^\ufeff/, '');
      first = false;
    }
    const out: Map<string, string>[] = [];
    if (format === 'ndjson') {
      let at = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
        const l = text.slice(at, nl).trim();
        if (l !== '') out.push(parse(text.slice(at, nl), 0, nl - at));
        at = nl + 1;
        line++;
      }
      pending = text.slice(at);
    } else {
      let i = scanFrom;
      let cut = 0;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
          continue;
        }
        if (c === 34) {
          inString = true;
        } else if (!started && (wrapper > 0 || c === 123)) {
          // The wrapping object: its first array at its top level holds the records; keys and other values before it are skipped.
          if (c === 91 && wrapper === 1) {
            started = true;
            cut = i + 1;
          } else if (c === 123 || c === 91) wrapper++;
          else if (c === 125 || c === 93) {
            wrapper--;
            if (wrapper === 0) fail('no array of records found in the JSON object', i, text);
          }
          continue;
        } else if (c === 91 || c === 123) {
          if (!started) {
            if (c !== 91) fail('expected an array of objects ([{...}, ...]) or one object per line', i, text);
            started = true;
            cut = i + 1;
            continue;
          }
          if (depth === 0) {
            if (c !== 123) fail(`element ${record + 1} of the array is not an object`, i, text);
            objStart = i;
          }
          depth++;
        } else if (c === 93 || c === 125) {
          if (depth === 0) {
            if (c === 93 && started) {
              ended = true;
              cut = i + 1;
              break;
            }
            fail('unexpected closing bracket', i, text);
          }
          depth--;
          if (depth === 0) {
            out.push(parse(text, objStart, i + 1));
            objStart = -1;
            cut = i + 1;
          }
        } else if (depth === 0 && c !== 44 && c !== 32 && c !== 10 && c !== 13 && c !== 9) {
          fail(started ? `element ${record + 1} of the array is not an object` : 'expected an array of objects ([{...}, ...]) or one object per line', i, text);
        }
      }
      // Keep the unfinished object (or nothing) for the next chunk; count the lines dropped.
      const keepFrom = objStart >= 0 ? objStart : Math.min(cut, text.length);
      for (let k = text.indexOf('\n'); k >= 0 && k < keepFrom; k = text.indexOf('\n', k + 1)) line++;
      scanFrom = i - keepFrom;
      if (objStart >= 0) objStart -= keepFrom;
      pending = text.slice(keepFrom);
      if (ended) {
        if (out.length > 0) yield out;
        return;
      }
    }
    if (out.length > 0) yield out;
  }
  const rest = pending + decoder.end();
  if (format === 'ndjson') {
    if (rest.trim() !== '') yield [parse(rest, 0, rest.length)];
  } else if (!ended) {
    fail(started ? 'the array is never closed (the file is cut off?)' : 'no JSON array found', rest.length, rest);
  }
}

/** Whether text that starts like JSON is one array or one object per line. */
export function jsonFormatOf(file: string, head: string): JsonFormat | null {
  const t = head.replace(/^\ufeff/, '').trimStart();
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    // One object per line, or one object wrapping the array (`{"orders": [ ... ]}`, as many shop APIs answer).
    if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
    const nl = t.indexOf('\n');
    if (nl < 0) return 'ndjson';
    try {
      JSON.parse(t.slice(0, nl));
      return 'ndjson';
    } catch {
      return 'json';
    }
  }
  return /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : /\.json$/i.test(file) ? 'json' : null;
}
