import type Iconv from 'iconv-lite';
import type Jschardet from 'jschardet';
import { lazyRequire } from '../lazy-require';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { ENCODINGS } from '../../../shared/contract/ns/datasets';

export type Encoding = (typeof ENCODINGS)[number];

export interface DetectedEncoding {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** The sample was plain ASCII, so the rest of the file may still turn out not to be UTF-8. */
  asciiOnly: boolean;
}

function bom(b: Buffer): DetectedEncoding | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, asciiOnly: false };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, asciiOnly: false };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, asciiOnly: false };
  return null;
}

/** UTF-16 without a BOM shows as NUL bytes in every other position (for Latin text). */
function utf16WithoutBom(b: Buffer): Encoding | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function isAscii(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
  return true;
}

/** Valid UTF-8, allowing a multi-byte character cut off at the end of the sample. */
function isUtf8(b: Buffer): boolean {
  let end = b.length;
  // Step back over a possibly truncated trailing sequence.
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const c = b[end - k];
    if ((c & 0xc0) === 0xc0) {
      end -= k;
      break;
    }
    if ((c & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Bytes 0x80–0x9F are printable letters in the Windows code pages but control codes in ISO-8859. */
function usesC1Range(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80 && b[i] <= 0x9f) return true;
  return false;
}

/**
 * Byte-order mark first, then UTF-16 and UTF-8 validity, then jschardet's guess narrowed to the
 * single-byte encodings real exports use (Central European → Windows-1250 or ISO-8859-2, else Windows-1252).
 */
export function detectEncoding(sample: Buffer): DetectedEncoding {
  const byBom = bom(sample);
  if (byBom) return byBom;
  const u16 = utf16WithoutBom(sample);
  if (u16) return { encoding: u16, bomLength: 0, asciiOnly: false };
  if (isAscii(sample)) return { encoding: 'utf-8', bomLength: 0, asciiOnly: true };
  if (isUtf8(sample)) return { encoding: 'utf-8', bomLength: 0, asciiOnly: false };
  const guesses = lazyRequire<typeof Jschardet>('jschardet').detectAll(sample).slice(0, 3);
  const central = guesses.find((g) => /1250|8859-2|latin2|852|8859-16/i.test(g.encoding ?? '') || ['pl', 'cs', 'hu', 'sk', 'sl', 'hr', 'ro'].includes(g.language ?? ''));
  if (central && guesses[0] === central) return { encoding: usesC1Range(sample) || /1250/.test(central.encoding ?? '') ? 'windows-1250' : 'iso-8859-2', bomLength: 0, asciiOnly: false };
  return { encoding: usesC1Range(sample) ? 'windows-1252' : 'iso-8859-1', bomLength: 0, asciiOnly: false };
}

export function isKnownEncoding(name: string): name is Encoding {
  return (ENCODINGS as readonly string[]).includes(name.toLowerCase());
}

/** Byte-order mark length of a forced encoding, so a BOM is never read as data. */
export function bomLengthFor(sample: Buffer, encoding: Encoding): number {
  const b = bom(sample);
  return b && b.encoding === encoding ? b.bomLength : 0;
}

/**
 * Incremental decoder. For UTF-8 whose sample was ASCII only, bytes that turn out not to be UTF-8
 * later in the file switch the rest of the file to Windows-1252 (recorded by `switchedAt`),
 * rather than turning them into replacement characters.
 */
export class ChunkDecoder {
  private utf8: TextDecoder | null = null;
  private native: StringDecoder | null = null;
  private iconvDecoder: ReturnType<typeof Iconv.getDecoder> | null = null;
  private fatal: TextDecoder | null = null;
  /** Byte offset where decoding switched from UTF-8 to Windows-1252, or null. */
  switchedAt: number | null = null;
  private offset = 0;

  constructor(
    public encoding: Encoding,
    utf8Fallback: boolean,
  ) {
    if (encoding === 'utf-8' && utf8Fallback) this.fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    // The BOM is skipped by the caller (bomLength); a later U+FEFF is text and stays.
    // TextDecoder, not StringDecoder: on the 165 MB benchmark file it decoded in 0.12 s against 0.19 s (0.53 s cold).
    else if (encoding === 'utf-8') this.utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
    else if (encoding === 'utf-16le') this.native = new StringDecoder('utf16le');
    else this.iconvDecoder = lazyRequire<typeof Iconv>('iconv-lite').getDecoder(encoding);
  }

  write(chunk: Buffer): string {
    const at = this.offset;
    this.offset += chunk.length;
    if (this.utf8) return this.utf8.decode(chunk, { stream: true });
    if (this.native) return this.native.write(chunk);
    if (this.iconvDecoder) return this.iconvDecoder.write(chunk);
    try {
      return this.fatal!.decode(chunk, { stream: true });
    } catch {
      this.fatal = null;
      this.switchedAt = at;
      this.encoding = 'windows-1252';
      this.iconvDecoder = lazyRequire<typeof Iconv>('iconv-lite').getDecoder('windows-1252');
      return this.iconvDecoder.write(chunk);
    }
  }

  end(): string {
    if (this.utf8) return this.utf8.decode();
    if (this.native) return this.native.end();
    if (this.iconvDecoder) return this.iconvDecoder.end() ?? '';
    try {
      return this.fatal!.decode();
    } catch {
      return '\ufffd';
    }
  }
}
