import { describe, expect, it } from 'vitest';
import {
  compareVersions, diffParagraphs, findEarlierVersions, orderVersions, programKeysOf, titleStem, versionMarkers, type VersionCandidate, type VersionSide,
} from '../../../lib/compare/versions';
import { draft, final, finalTraditional, quzhou2024, quzhou2025 } from './sides';

const changed = (cmp: ReturnType<typeof compareVersions>) =>
  Object.fromEntries(cmp.targets.filter((t) => t.status === 'changed').map((t) => [t.indicator, [t.before?.value.min, t.after?.value.min, t.fields.join(',')]]));

describe('compareVersions: a draft and its final text', () => {
  const cmp = compareVersions(draft(), final());

  it('aligns targets by indicator and reports each changed number with the changed deadline', () => {
    expect(changed(cmp)).toEqual({
      全市新增残疾人就业: [600, 800, 'number,deadline'],
      组织开展残疾人职业技能培训: [1000, 1300, 'number,deadline'],
      新增残疾人公益性岗位: [50, 70, 'number,deadline'],
      劳动年龄段持证残疾人就业率: [55, 60, 'number,deadline'],
      // Its figure stayed; the sentence's deadline moved with the others.
      有就业意愿应届残疾人大学生就业率: [100, 100, 'deadline'],
    });
    const jobs = cmp.targets.find((t) => t.indicator === '全市新增残疾人就业')!;
    expect(jobs.before?.deadline?.end).toBe('2024-12-31');
    expect(jobs.after?.deadline?.end).toBe('2025-12-31');
    expect(cmp.stats.targetsAdded).toBe(0);
    expect(cmp.stats.targetsRemoved).toBe(0);
  });

  it('diffs paragraphs and marks, within a changed one, the old and the new figures', () => {
    const goal = cmp.paragraphs.find((p) => p.op === 'changed' && p.after?.includes('800人以上'))!;
    expect(goal).toBeDefined();
    const removed = goal.parts!.filter((p) => p.op === 'removed').map((p) => p.text).join('|');
    const added = goal.parts!.filter((p) => p.op === 'added').map((p) => p.text).join('|');
    expect(removed).toContain('6');
    expect(added).toContain('8');
    // Rebuilt from its parts, each side is its own text.
    expect(goal.parts!.filter((p) => p.op !== 'added').map((p) => p.text).join('')).toBe(goal.before);
    expect(goal.parts!.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe(goal.after);
    expect(cmp.paragraphs.some((p) => p.op === 'same' && p.after === '一、总体目标')).toBe(true);
  });

  it('orders a draft before its final text whichever is passed first', () => {
    const [a, b] = orderVersions(final(), draft());
    expect(a.article.id).toBe('dy-draft');
    expect(b.article.id).toBe('dy-final');
  });
});

describe('compareVersions: across scripts', () => {
  it('finds nothing changed between a traditional reprint and its simplified text', () => {
    const cmp = compareVersions(final(), finalTraditional());
    expect(cmp.targets.length).toBeGreaterThan(3);
    expect(cmp.targets.every((t) => t.status === 'same')).toBe(true);
    expect(cmp.paragraphs.every((p) => p.op === 'same')).toBe(true);
    expect(cmp.programs.added).toEqual([]);
    expect(cmp.programs.removed).toEqual([]);
  });

  it('shows the changes of a draft against the traditional final text, in that text\'s own script', () => {
    const cmp = compareVersions(draft(), finalTraditional());
    expect(changed(cmp)['全市新增残疾人就业']).toEqual([600, 800, 'number,deadline']);
    const goal = cmp.paragraphs.find((p) => p.op === 'changed' && p.after?.includes('800人以上'))!;
    expect(goal.after).toContain('殘疾人');
    expect(goal.parts!.filter((p) => p.op === 'same').map((p) => p.text).join('')).toContain('殘疾人');
  });
});

describe('compareVersions: this year\'s edition and last year\'s', () => {
  const cmp = compareVersions(quzhou2024(), quzhou2025());

  it('reports the changed budget and the program renamed with the year', () => {
    expect(changed(cmp)['全市财政预算安排资金']).toEqual([12.6, 15.48, 'number,deadline']);
    expect(changed(cmp)['支持高能级科创平台科技攻关经费']).toEqual([6000, 8000, 'number']);
    expect(cmp.targets.find((t) => t.indicator === '省财政补助经费')?.status).toBe('same');
    expect(cmp.programs.added).toContain('衢州市推动经济高质量发展若干政策举措(2025年版)');
    expect(cmp.programs.removed).toContain('衢州市推动经济高质量发展若干政策举措(2024年版)');
  });

  it('keeps unchanged paragraphs and pairs the edited ones', () => {
    expect(cmp.stats.paragraphsChanged).toBeGreaterThan(3);
    expect(cmp.paragraphs.filter((p) => p.op === 'added' || p.op === 'removed')).toEqual([]);
  });
});

describe('diffParagraphs', () => {
  it('reports paragraphs added and removed without pairing them with nothing', () => {
    const d = diffParagraphs('甲段。\n乙段。\n丙段。', '甲段。\n丙段。\n丁段。');
    expect(d.map((p) => p.op)).toEqual(['same', 'removed', 'same', 'added']);
  });

  it('treats whitespace and width as no change', () => {
    expect(diffParagraphs('到２０２５年 完成', '到2025年完成').map((p) => p.op)).toEqual(['same']);
  });
});

describe('likely earlier versions', () => {
  const candidate = (s: VersionSide): VersionCandidate => ({
    id: s.article.id, title: s.article.title, publishedAt: s.article.publishedAt!, savedAt: s.article.savedAt,
    agencies: s.article.agencies!, region: s.article.region!, programs: programKeysOf(s.annotations),
  });

  it('reads draft and year markers and the stem two versions share', () => {
    expect(versionMarkers('关于公开征求《东阳市促进残疾人就业行动实施方案(征求意见稿)》意见的通知').draft).toBe(true);
    expect(versionMarkers('衢州市推动经济高质量发展若干政策举措(2024年版)').year).toBe(2024);
    expect(titleStem(draft().article.title)).toBe(titleStem(final().article.title));
    expect(titleStem(quzhou2024().article.title)).toBe(titleStem(quzhou2025().article.title));
  });

  it('proposes the draft for the final text and last year\'s edition for this year\'s, and nothing else', () => {
    const library = [draft(), final(), quzhou2024(), quzhou2025()].map(candidate);
    const forFinal = findEarlierVersions(candidate(final()), library);
    expect(forFinal.map((e) => e.id)).toEqual(['dy-draft']);
    expect(forFinal[0]!.reasons).toEqual(expect.arrayContaining(['title', 'issuer', 'draft']));
    const for2025 = findEarlierVersions(candidate(quzhou2025()), library);
    expect(for2025.map((e) => e.id)).toEqual(['qz-2024']);
    expect(for2025[0]!.reasons).toEqual(expect.arrayContaining(['program', 'year']));
    // A version is never earlier than itself or than what came before it.
    expect(findEarlierVersions(candidate(draft()), library)).toEqual([]);
    expect(findEarlierVersions(candidate(quzhou2024()), library)).toEqual([]);
  });

  it('refuses a same-titled policy of another issuer', () => {
    const other = { ...candidate(draft()), id: 'other', agencies: ['义乌市人民政府办公室'], title: draft().article.title.replace(/东阳/g, '义乌') };
    const same = { ...candidate(draft()), id: 'elsewhere', agencies: ['义乌市人民政府办公室'] };
    expect(findEarlierVersions(candidate(final()), [other, same])).toEqual([]);
  });
});
