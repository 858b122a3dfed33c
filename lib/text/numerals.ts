/** Chinese and Arabic numerals as policy texts write them: 1,000 / 1.3 / 十五 / 两千 / 一百二十 / 〇. */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters a Chinese numeral is made of (for building patterns). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/**
 * Value of a Chinese numeral such as 十五, 一百二十, 两千, 三万五千, 二〇二五 (digit by digit).
 * Returns null when the string is not a well-formed numeral.
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  // 二〇二五 / 二零二三: digits read one by one (years).
  if (/^[零〇一二三四五六七八九]{2,}$/.test(s)) {
    let v = 0;
    for (const ch of s) v = v * 10 + DIGITS[ch]!;
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0 && DIGITS[ch] !== 0) return null;
      digit = DIGITS[ch]!;
    } else if (ch in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = null;
    } else if (ch in BIG_UNITS) {
      section += digit ?? 0;
      if (section === 0 && total === 0) return null;
      total = (total + section) * BIG_UNITS[ch]!;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Value of an Arabic number with optional thousands separators and decimals (1,000.5). */
export function parseArabic(s: string): number | null {
  const clean = s.replace(/[,，]/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** Value of a number written either way; null when it is neither. */
export function parseNumber(s: string): number | null {
  const t = s.trim();
  if (/^[\d,.]+$/.test(t)) return parseArabic(t);
  return parseChineseNumeral(t);
}
