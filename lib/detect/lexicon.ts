/**
 * Place names and agency names the detector recognises, as the tables its code walks. The words
 * are data (lib/lexicon/place.json); this file only gives them the shapes the lookups need. All
 * simplified script: texts are simplified (see normalize.ts) before they are matched.
 */
import { records, words } from '../lexicon';

// Longest first: 广西壮族自治区 ends in 壮族自治区, not merely 自治区.
const PROVINCE_ENDINGS = [...words('place.province-endings')].sort((a, b) => b.length - a.length);

function shortName(full: string): readonly [string, string] {
  const end = PROVINCE_ENDINGS.find((e) => full.length > e.length && full.endsWith(e));
  if (!end) throw new Error(`lexicon: province ${full} has no ending in place.province-endings`);
  return [full.slice(0, -end.length), end];
}

/** Province-level units, short form → the suffix that makes the full name. */
export const PROVINCES: ReadonlyArray<readonly [string, string]> = words('place.provinces').map(shortName);
export const PROVINCE_NAMES: ReadonlySet<string> = new Set(PROVINCES.map(([n]) => n));
/** Municipalities: a 市 after them is a province-level unit, not a city inside a province. */
export const MUNICIPALITIES: ReadonlySet<string> = new Set(PROVINCES.filter(([, s]) => s === '市').map(([n]) => n));

/** Field 0 of each record → each further field, or (`reverse`) each further field → field 0. */
function table(key: string, reverse = false): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [head, ...rest] of records(key)) {
    for (const r of rest) {
      if (reverse) out[r] = head!;
      else out[head!] = r;
    }
  }
  return out;
}

/** One-character abbreviations that open document numbers (晋政发〔2018〕13号 → 山西). */
export const PROVINCE_ABBR: Readonly<Record<string, string>> = table('place.province-abbreviations', true);

/** Provincial capitals and a few large cities, for datelines such as 本报太原3月9日讯. */
export const CITY_PROVINCE: Readonly<Record<string, string>> = table('place.city-provinces');


/** City names of three or four characters (most are two; these disambiguate the name's start). */
export const LONG_CITIES: readonly string[] = words('place.long-cities');

/** Characters that cannot start a place name (全市, 本市, 我市, 各市 …). */
export const NOT_PLACE_START: ReadonlySet<string> = new Set(words('place.not-place-start'));
/** Characters that cannot end a place name (全市 preceded by a verb: 推进全市 …). */
export const NOT_PLACE_END: ReadonlySet<string> = new Set(words('place.not-place-end'));

/** National bodies: canonical name and the forms it is written in (longest first when matching). */
export const NATIONAL_AGENCIES: ReadonlyArray<readonly [string, readonly string[]]> = records('place.national-agencies').map((r) => [r[0]!, r]);

