/**
 * Tells whether any ID value repeats, without keeping the IDs: a set of 64-bit hashes in typed
 * arrays (16 MB at 1M IDs, where a Set of the strings took ~60 MB). Equal values always hash
 * equal, so "no repeat seen" is exact; a repeat may (very rarely) be a collision, so the caller
 * then counts duplicates exactly in SQL. This replaces a count(DISTINCT) over the whole table
 * (0.35 s at 1M rows on the writing thread) with work done on the parsing thread while the other one writes.
 */
export class IdHashSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private size = 0;
  private readonly h = new Uint32Array(2);
  repeated = false;

  /** `expected`: about how many IDs will come (sized up front: growing rehashes everything). */
  constructor(expected = 0) {
    let cap = 1 << 16;
    while (cap < expected * 2 && cap < 1 << 26) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
  }

  add(v: string | number): void {
    if (this.repeated) return;
    const s = typeof v === 'string' ? v : String(v);
    hashInto(s, this.h);
    const a = this.h[0];
    const b = this.h[1];
    const mask = this.hi.length - 1;
    let i = (b ^ Math.imul(a, 0x27d4eb2d)) & mask;
    while (this.hi[i] !== 0) {
      if (this.hi[i] === a && this.lo[i] === b) {
        this.repeated = true;
        return;
      }
      i = (i + 1) & mask;
    }
    this.hi[i] = a;
    this.lo[i] = b;
    if (++this.size * 2 > this.hi.length) this.grow();
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    const mask = this.hi.length - 1;
    for (let k = 0; k < hi.length; k++) {
      if (hi[k] === 0) continue;
      let i = (lo[k] ^ Math.imul(hi[k], 0x27d4eb2d)) & mask;
      while (this.hi[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = hi[k];
      this.lo[i] = lo[k];
    }
  }
}

/**
 * Two independent 32-bit hashes of `s` into out[0] and out[1] (FNV-1a and a multiply–xorshift one);
 * out[0] is never 0, so 0 can mark an empty slot in a table of them.
 */
export function hashInto(s: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = s.length ^ 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  out[0] = (a ^ (a >>> 15)) >>> 0 || 1;
  out[1] = Math.imul(b ^ (b >>> 16), 0x85ebca6b) >>> 0;
}
