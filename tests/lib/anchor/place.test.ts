import { describe, expect, it } from 'vitest';
import { describeSpan } from '../../../lib/anchor';
import { placeAnnotations, sameSpan, spansToDraw, type SavedAnnotation } from '../../../lib/anchor/place';

const P1 = '为推动制造业高质量发展，我省将实施企业技术创新能力提升行动。';
const P2 = '到2027年，培育省级技术创新示范企业20户，新增国家级企业技术中心5家左右。';
const P3 = '各市要在2023年底前完成梳理工作，每季度报送一次进展情况。';
const TEXT = [P1, P2, P3].join('\n');

function at(text: string, quote: string) {
  const i = text.indexOf(quote);
  if (i < 0) throw new Error(quote);
  return { start: i, end: i + quote.length };
}
function saved(id: string, type: SavedAnnotation['type'], quote: string, dismissed = false): SavedAnnotation {
  const { start, end } = at(TEXT, quote);
  return { id, type, selectors: describeSpan(TEXT, start, end), dismissed };
}

describe('placeAnnotations', () => {
  it('places what it finds and lists the rest as orphans, keeping each record', () => {
    const list = [saved('a', 'target', '省级技术创新示范企业20户'), saved('b', 'deadline', '2023年底前'), saved('c', 'highlight', '企业技术创新能力提升行动')];
    const edited = '转载说明。\n' + TEXT.replace(P3, '');
    const { placed, orphans } = placeAnnotations(edited, list);
    expect(placed.map((p) => p.annotation.id)).toEqual(['a', 'c']);
    expect(orphans).toEqual([list[1]]);
    for (const p of placed) expect(edited.slice(p.match.start, p.match.end)).toBe(p.annotation.selectors.quote.exact);
  });
});

describe('sameSpan', () => {
  it.each([
    [{ type: 'target', start: 0, end: 10 }, { type: 'target', start: 5, end: 12 }, true],
    [{ type: 'target', start: 0, end: 10 }, { type: 'target', start: 8, end: 12 }, true], // 2 of the shorter 4
    [{ type: 'target', start: 0, end: 10 }, { type: 'target', start: 9, end: 14 }, false],
    [{ type: 'target', start: 0, end: 10 }, { type: 'deadline', start: 0, end: 10 }, false],
    [{ type: 'target', start: 0, end: 10 }, { type: 'target', start: 10, end: 20 }, false],
  ] as const)('%j ~ %j: %s', (a, b, expected) => expect(sameSpan(a, b)).toBe(expected));
});

describe('spansToDraw', () => {
  const engine = [
    { type: 'deadline' as const, ...at(TEXT, '到2027年') },
    { type: 'target' as const, ...at(TEXT, '培育省级技术创新示范企业20户') },
    { type: 'target' as const, ...at(TEXT, '新增国家级企业技术中心5家左右') },
    { type: 'deadline' as const, ...at(TEXT, '每季度') },
  ];

  it('hides dismissed engine spans, draws saved ones once, and keeps the rest', () => {
    const list = [
      saved('kept', 'target', '省级技术创新示范企业20户'), // saved version of engine span 1 (slightly shorter)
      saved('no', 'deadline', '每季度', true), // reader said "not a deadline"
      saved('mine', 'highlight', '完成梳理工作'),
    ];
    const { placed } = placeAnnotations(TEXT, list);
    const draw = spansToDraw(engine, placed);
    expect(draw.map((d) => d.id)).toEqual(['auto:0', 'kept', 'auto:2', 'mine']);
    expect(draw.find((d) => d.id === 'kept')!.annotation).toBe(list[0]);
    expect(draw.find((d) => d.id === 'auto:2')!.span).toBe(engine[2]);
  });

  it('does not hide an engine span of another type at the same place', () => {
    const { placed } = placeAnnotations(TEXT, [saved('no', 'target', '到2027年', true)]);
    expect(spansToDraw(engine, placed).map((d) => d.id)).toEqual(['auto:0', 'auto:1', 'auto:2', 'auto:3']);
  });

  it('without saved annotations draws every engine span', () => {
    expect(spansToDraw(engine, [])).toHaveLength(engine.length);
  });
});
