import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, TOOLBARS } from '../../../lib/ext/badge';

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('toolbar badge colours', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('the number on the badge meets WCAG AA for normal text (4.5:1)', () => {
    expect(contrast(BADGE_COLORS.text, BADGE_COLORS.background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(Object.entries(TOOLBARS))('the badge stands out from the %s toolbar (3:1, non-text contrast)', (_name, toolbar) => {
    expect(contrast(BADGE_COLORS.background, toolbar)).toBeGreaterThanOrEqual(3);
  });

  it('the previous dark red with white text would vanish on a dark toolbar (the test can fail)', () => {
    expect(contrast('#b3261e', TOOLBARS.chromeDark)).toBeLessThan(3);
  });
});
