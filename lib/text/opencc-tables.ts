import type { DictLike } from 'opencc-js/core';

/**
 * Which code units can take part in a traditional → simplified conversion, worked out from the
 * dictionaries OpenCC's converter uses (lib/text/simplify.ts converts with them):
 * `changes` marks every character a dictionary entry rewrites (or all of an entry whose length
 * changes), `wall` every character no match can run across. The text between two walls converts
 * on its own, a wall on its own, and a stretch without a `changes` character comes out as it went
 * in. Surrogates are never walls (astral characters).
 *
 * Worked out once, ahead, by `npm run lexicon:opencc` into opencc-tables.json (a test checks the
 * file against the dictionaries of the installed opencc-js); the extension only decodes it.
 */
export interface ConversionTables {
  changes: Uint8Array;
  wall: Uint8Array;
}

/** The file's form: each table as a bitmap of the 65,536 code units, base64. */
export interface EncodedTables {
  changes: string;
  wall: string;
}

// Joins the stretches for one call of the converter: a character in no entry of any dictionary
// and in no replacement (checked as the tables are worked out), so it is a wall the conversion
// keeps, and the converted stretches are the pieces between its copies.
export const JOIN = '\n';

const UNITS = 0x10000;

export function dictEntries(d: DictLike): [string, string][] {
  if (typeof d !== 'string') return d.map(([k, v]) => [k, v]);
  return d ? d.split('|').map((e) => e.split(' ', 2) as [string, string]) : [];
}

/** The dictionaries of a converter configuration, in the order the converter applies them. */
export interface ConverterDicts {
  normalizationChain?: readonly (readonly DictLike[])[];
  segmentation: DictLike | readonly DictLike[];
  conversionChain: readonly (readonly DictLike[])[];
}

export function computeTables({ normalizationChain, segmentation: seg, conversionChain }: ConverterDicts): ConversionTables {
  const dicts: DictLike[] = [...(normalizationChain ?? []).flat(), ...conversionChain.flat(), ...(typeof seg === 'string' || !seg.every((d) => typeof d === 'string') ? [seg as DictLike] : (seg as DictLike[]))];
  const changes = new Uint8Array(UNITS);
  // In a key of two or more units: such a character can be part of a longer match.
  const inPhrase = new Uint8Array(UNITS);
  changes.fill(1, 0xd800, 0xe000);
  inPhrase.fill(1, 0xd800, 0xe000);
  const images = new Map<number, string[]>();
  for (const d of dicts) {
    for (const [k, v] of dictEntries(d)) {
      if (k.includes(JOIN) || v.includes(JOIN)) throw new Error('opencc: a dictionary entry holds the character that joins stretches');
      if (k.length > 1) for (let i = 0; i < k.length; i++) inPhrase[k.charCodeAt(i)] = 1;
      else {
        const list = images.get(k.charCodeAt(0));
        if (list) list.push(v);
        else images.set(k.charCodeAt(0), [v]);
      }
      if (k === v) continue;
      for (let i = 0; i < k.length; i++) if (k.length !== v.length || k.charCodeAt(i) !== v.charCodeAt(i)) changes[k.charCodeAt(i)] = 1;
    }
  }
  // A wall is in no key of two or more units, and neither is anything a dictionary of any stage
  // may turn it into (the next stage reads the image: 秘 becomes 祕 of 李祕 before the phrases are
  // looked up). Most traditional characters of a text are walls (們, 產, 億): converted one by one
  // from the memo, the stretches left for the converter hold a third fewer characters.
  // Computed to a fixed point over every single-character entry.
  const loose = new Uint8Array(UNITS);
  for (let c = 0; c < UNITS; c++) loose[c] = inPhrase[c]!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [c, vs] of images) {
      if (loose[c]) continue;
      if (vs.some((v) => v.length !== 1 || loose[v.charCodeAt(0)])) {
        loose[c] = 1;
        changed = true;
      }
    }
  }
  const wall = new Uint8Array(UNITS);
  for (let c = 0; c < UNITS; c++) wall[c] = loose[c] ? 0 : 1;
  return { changes, wall };
}

function toBitmap(table: Uint8Array): string {
  const bytes = new Uint8Array(UNITS / 8);
  for (let c = 0; c < UNITS; c++) if (table[c]) bytes[c >> 3]! |= 1 << (c & 7);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBitmap(encoded: string): Uint8Array {
  const bin = atob(encoded);
  if (bin.length !== UNITS / 8) throw new Error('opencc-tables.json: a table is not a bitmap of 65,536 code units (npm run lexicon:opencc)');
  const table = new Uint8Array(UNITS);
  for (let i = 0; i < bin.length; i++) {
    const b = bin.charCodeAt(i);
    if (b) for (let j = 0; j < 8; j++) if (b & (1 << j)) table[(i << 3) | j] = 1;
  }
  return table;
}

export const encodeTables = (t: ConversionTables): EncodedTables => ({ changes: toBitmap(t.changes), wall: toBitmap(t.wall) });
export const decodeTables = (e: EncodedTables): ConversionTables => ({ changes: fromBitmap(e.changes), wall: fromBitmap(e.wall) });
