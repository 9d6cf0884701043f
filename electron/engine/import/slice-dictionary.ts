/**
 * A category's values and their codes in order of first appearance, found from a cell's place in the text
 * (open addressing on an FNV-1a hash of its characters, checked with startsWith): hand-written because a
 * Map needs each cell cut out as a string first, which with the hashing cost the import's parsing thread
 * 0.5 s at 1M rows, and that thread sets the import's pace while the columns are taken (capture.ts).
 */
export class SliceDictionary {
  readonly values: string[] = [];
  private table = new Int32Array(256).fill(-1);

  /** The code of t[o..o+len), or -1. */
  find(t: string, o: number, len: number): number {
    const mask = this.table.length - 1;
    for (let h = hashOf(t, o, len) & mask; ; h = (h + 1) & mask) {
      const code = this.table[h];
      if (code < 0) return -1;
      const v = this.values[code];
      if (v.length === len && t.startsWith(v, o)) return code;
    }
  }

  /** Adds t[o..o+len) (not yet in) and returns its code. */
  add(t: string, o: number, len: number): number {
    // A copy of its own: a cut of the batch's text would keep all of it alive.
    const v = Buffer.from(t.substring(o, o + len), 'utf8').toString('utf8');
    const code = this.values.length;
    this.values.push(v);
    if (this.values.length * 2 > this.table.length) this.grow();
    else this.place(v, code);
    return code;
  }

  private place(v: string, code: number): void {
    const mask = this.table.length - 1;
    let h = hashOf(v, 0, v.length) & mask;
    while (this.table[h] >= 0) h = (h + 1) & mask;
    this.table[h] = code;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    this.values.forEach((v, code) => this.place(v, code));
  }
}

function hashOf(t: string, o: number, len: number): number {
  let h = 0x811c9dc5;
  for (let i = o; i < o + len; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
