import { describe, expect, it } from 'vitest';
import { parseArabic, parseChineseNumeral, parseNumber } from '../../../lib/text/numerals';

describe('numerals', () => {
  it.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百二十', 120],
    ['一百零五', 105],
    ['两千', 2000],
    ['三万五千', 35000],
    ['一亿', 1e8],
    ['二〇二五', 2025],
    ['二零二三', 2023],
    ['九', 9],
  ])('reads the Chinese numeral %s as %d', (s, v) => {
    expect(parseChineseNumeral(s)).toBe(v);
  });

  it.each(['', '万', '一二三四百', '五五十', 'abc'])('rejects the malformed numeral %j', (s) => {
    expect(parseChineseNumeral(s)).toBeNull();
  });

  it.each([
    ['1,000', 1000],
    ['1.3', 1.3],
    ['20', 20],
    ['12,345.5', 12345.5],
  ])('reads the Arabic number %s', (s, v) => {
    expect(parseArabic(s)).toBe(v);
  });

  it.each([
    ['15', 15],
    ['十五', 15],
    [' 3 ', 3],
    ['1.2.3', null],
  ])('parseNumber(%j)', (s, v) => {
    expect(parseNumber(s)).toBe(v);
  });
});
