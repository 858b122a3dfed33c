/**
 * The packed form of the corpus index (schema v4). An inverted index stored as one IndexedDB
 * entry per (term, article) — v2's multiEntry `terms` index — cost about 13 KB per article in
 * Chromium, several times the text it indexed, because every entry repeats the term and the
 * 21-character article id. Here every article gets a small number (`num`, assigned once, never
 * reused) and every term a small id; postings and the per-article term lists are runs of
 * variable-length integers, delta-coded, a byte or two per entry.
 *
 * - posting row, key [termId, block]: (num − previous num, count)* for the articles of that
 *   block that contain the term, nums ascending (the first delta counts from 0, so a row read
 *   without its key still gives absolute numbers);
 * - term counts of an article (articleTerms.termCounts): (termId − previous termId, count)*;
 * - doc block, key block: the article id and token length of each num in the block.
 *
 * What the comparison and the filters look articles up by (program keys, indicator cores, deadline
 * years, annotation types) are terms of the same index under a prefix no token can have
 * (factTerms): a program's article count is its document frequency, its newest articles the end
 * of its postings.
 *
 * Postings are cut into blocks of BLOCK article numbers so that saving an article rewrites only
 * the newest block of each of its terms, never a term's whole list. 1,024 rather than 4,096: a
 * bulk save of 2,000 articles into a 10k library took 10.4 s instead of 15.1 s, the rows rewritten
 * being a quarter of the size; a search reads one row more per 1,024 articles a term occurs in.
 */

import type { ArticleFacts } from '../db/schema';

export const BLOCK = 1024;

/** Starts every fact term; the tokenizer never emits a control character. */
export const FACT = '\u0001';

export const factTerm = {
  program: (key: string) => `${FACT}p:${key}`,
  indicator: (core: string) => `${FACT}i:${core}`,
  year: (year: number) => `${FACT}y:${year}`,
  type: (type: string) => `${FACT}t:${type}`,
};

/** The fact terms of an article. */
export function factTerms(f: ArticleFacts): string[] {
  return [...f.programs.map(factTerm.program), ...f.indicators.map(factTerm.indicator), ...f.deadlineYears.map(factTerm.year), ...f.types.map(factTerm.type)];
}

/** Facts back from fact terms (any other term is ignored), each list sorted. */
export function factsFromTerms(terms: Iterable<string>): ArticleFacts {
  const f: ArticleFacts = { programs: [], indicators: [], deadlineYears: [], types: [] };
  for (const t of terms) {
    if (!t.startsWith(FACT)) continue;
    const kind = t.slice(1, 3);
    const v = t.slice(3);
    if (kind === 'p:') f.programs.push(v);
    else if (kind === 'i:') f.indicators.push(v);
    else if (kind === 'y:') f.deadlineYears.push(Number(v));
    else if (kind === 't:') f.types.push(v as ArticleFacts['types'][number]);
  }
  // In a fixed order, whatever ids the terms have.
  f.programs.sort();
  f.indicators.sort();
  f.types.sort();
  f.deadlineYears.sort((a, b) => a - b);
  return f;
}

export function blockOf(num: number): number {
  return Math.floor(num / BLOCK);
}

/** Article ids and token lengths of BLOCK consecutive nums; '' and 0 where none is indexed. */
export interface DocBlock {
  ids: string[];
  lengths: number[];
}

/** Growable byte buffer for unsigned LEB128 varints. */
class Writer {
  private buf: Uint8Array;
  private at = 0;
  constructor(size = 64) {
    this.buf = new Uint8Array(size);
  }
  push(n: number): void {
    if (this.at + 5 > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2 + 5);
      next.set(this.buf);
      this.buf = next;
    }
    while (n >= 0x80) {
      this.buf[this.at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.at++] = n;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.at);
  }
}

/**
 * (key delta, value)* for keys ascending from `base`. Keys and values are non-negative integers
 * below 2^32; keys must be strictly ascending and not below base.
 */
export function packPairs(keys: ArrayLike<number>, values: ArrayLike<number>, base = 0): Uint8Array {
  const w = new Writer(keys.length * 2 + 4);
  let prev = base;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    w.push(k - prev);
    w.push(values[i] as number);
    prev = k;
  }
  return w.done();
}

/** Calls `fn(key, value)` for each pair of a packed run, keys ascending. */
export function eachPair(bytes: Uint8Array, base: number, fn: (key: number, value: number) => void): void {
  let i = 0;
  let key = base;
  const n = bytes.length;
  while (i < n) {
    let delta = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++] as number;
      delta += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    let value = 0;
    shift = 0;
    do {
      b = bytes[i++] as number;
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    key += delta;
    fn(key, value);
  }
}

/** A packed run as two parallel arrays. */
export function unpackPairs(bytes: Uint8Array, base = 0): { keys: number[]; values: number[] } {
  const keys: number[] = [];
  const values: number[] = [];
  eachPair(bytes, base, (k, v) => {
    keys.push(k);
    values.push(v);
  });
  return { keys, values };
}

/** An article's term counts (termId → count) in packed form, ids ascending. */
export function packTermCounts(counts: ReadonlyMap<number, number>): Uint8Array {
  const ids = [...counts.keys()].sort((a, b) => a - b);
  return packPairs(ids, ids.map((id) => counts.get(id) as number));
}

export function unpackTermCounts(bytes: Uint8Array): Map<number, number> {
  const out = new Map<number, number>();
  eachPair(bytes, 0, (id, count) => out.set(id, count));
  return out;
}
