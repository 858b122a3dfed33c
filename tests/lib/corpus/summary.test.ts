import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { saveArticle, updateAnnotation } from '../../../lib/corpus/store';
import { summarizeAgainstCorpus } from '../../../lib/corpus/summary';
import { nodeTokenizer } from '../../../lib/corpus/node';
import type { PolicyDB } from '../../../lib/db/schema';
import { capture, closeAll, freshDb, SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS } from './helpers';

const tokenize = nodeTokenizer();
const today = '2024-06-01';
const FULL_2023 = '山西省企业技术创新能力提升2023年行动计划';
afterEach(closeAll);

async function corpus(): Promise<{ db: PolicyDB; ids: Record<string, string> }> {
  const db = freshDb();
  const ids: Record<string, string> = {};
  let now = 1_700_000_000_000;
  for (const [name, page] of Object.entries({ SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS })) {
    ids[name] = (await saveArticle(db, { page, tokenize, now: (now += 1000) })).id;
  }
  return { db, ids };
}

describe('summarizeAgainstCorpus', () => {
  it('gives a friendly empty answer for an empty corpus', async () => {
    const db = freshDb();
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    expect(s).toMatchObject({ corpusSize: 0, selfId: null, programs: [], related: [], sameRegion: null, sameAgency: [], drift: [] });
    // The page's own deadline is still on its timeline.
    expect(s.timeline).toEqual([{ date: '2026-12-31', text: '到2026年底前', articleId: null, title: SHANXI_2024.meta.title, current: true, kind: 'by', status: { state: 'upcoming', days: 943 } }]);
  });

  it('counts a program across scripts and through its alias, with first and latest sighting', async () => {
    const { db, ids } = await corpus();
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    expect(s.corpusSize).toBe(4);
    // The 2024 plan itself was never seen; the 2023 plan (named here only as 《行动计划》) was, twice.
    expect(s.programs).toHaveLength(1);
    const p = s.programs[0]!;
    expect(p.key).toBe(FULL_2023);
    expect(p.name).toBe(FULL_2023);
    expect(p.count).toBe(2);
    expect(p.firstSeen).toBe('2023-03-09');
    expect(p.latestSeen).toBe('2023-03-12');
    expect(p.articles.map((a) => a.id)).toEqual([ids.SHANXI_TRAD, ids.SHANXI_2023]);
    expect(p.articles[0]).toMatchObject({ title: SHANXI_TRAD.meta.title, url: SHANXI_TRAD.url, region: '山西' });
  });

  it('ranks related articles by shared content and leaves unrelated ones out', async () => {
    const { db, ids } = await corpus();
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    const relatedIds = s.related.map((r) => r.article.id);
    expect(relatedIds[0]).toBe(ids.SHANXI_2023);
    expect(relatedIds).not.toContain(ids.SPORTS);
    // Shared terms are the distinctive ones (专精特新 is in most of this corpus, so it ranks low).
    expect(s.related[0]!.sharedTerms).toEqual(expect.arrayContaining(['行动计划', '研发']));
    expect(s.related[0]!.sharedTerms).not.toContain('的');
    for (let i = 1; i < s.related.length; i++) expect(s.related[i - 1]!.score).toBeGreaterThanOrEqual(s.related[i]!.score);
    for (const r of s.related) expect(r.similarity).toBeGreaterThan(0);
    // A sports page is related to nothing here.
    const sports = await summarizeAgainstCorpus(db, capture('https://sports.example.com/other', '主队昨晚客场险胜，球迷庆祝总冠军，主教练赛后接受采访。', {}), { tokenize, today });
    expect(sports.related.map((r) => r.article.id)).toEqual([ids.SPORTS]);
  });

  it('puts this article and the linked articles on one timeline with statuses relative to today', async () => {
    const { db, ids } = await corpus();
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    const line = s.timeline.map((t) => [t.date, t.articleId, t.status.state, t.status.days]);
    expect(line).toEqual([
      ['2023-12-31', ids.SHANXI_2023, 'overdue', -153],
      ['2024-06-30', ids.SHANXI_TRAD, 'upcoming', 29],
      ['2025-12-31', ids.SHANDONG, 'upcoming', 578],
      ['2026-12-31', null, 'upcoming', 943],
      [null, ids.SHANXI_2023, 'recurring', null],
    ]);
    expect(s.timeline[3]).toMatchObject({ current: true, text: '到2026年底前' });
    expect(s.timeline[0]).toMatchObject({ title: SHANXI_2023.meta.title, text: '到2023年底前', current: false });
  });

  it('lists same-region and same-agency articles across scripts, newest first', async () => {
    const { db, ids } = await corpus();
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    expect(s.sameRegion).toEqual({ region: '山西', articles: expect.any(Array) });
    expect(s.sameRegion!.articles.map((a) => a.id)).toEqual([ids.SHANXI_TRAD, ids.SHANXI_2023]);
    expect(s.sameAgency.map((g) => [g.agency, g.articles.map((a) => a.id)])).toEqual([['山西省工业和信息化厅', [ids.SHANXI_TRAD, ids.SHANXI_2023]]]);
  });

  it('reports target drift: same indicator, other numbers, in other provinces and other years', async () => {
    const { db, ids } = await corpus();
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    const byIndicator = new Map(s.drift.map((d) => [d.indicator, d]));
    const zjtx = byIndicator.get('新培育专精特新中小企业');
    expect(zjtx?.here).toEqual({ min: 1200, max: null, unit: '家' });
    expect(zjtx?.there.map((t) => [t.articleId, t.min, t.unit, t.publishedAt])).toEqual([
      [ids.SHANDONG, 2000, '家', '2023-07-06'],
      [ids.SHANXI_2023, 1000, '家', '2023-03-09'],
    ]);
    expect(byIndicator.get('研发经费投入增长')?.there.map((t) => [t.articleId, t.min, t.unit])).toEqual([[ids.SHANXI_2023, 15, '%']]);
    // Same number (省级技术创新示范企业20户 both years): no drift.
    expect(byIndicator.has('培育省级技术创新示范企业')).toBe(false);
    expect(s.drift).toHaveLength(2);
  });

  it('excludes the article itself, whether saved under this URL or reprinted elsewhere', async () => {
    const { db, ids } = await corpus();
    const own = await saveArticle(db, { page: SHANXI_2024, tokenize });
    let s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    expect(s.selfId).toBe(own.id);
    expect(s.corpusSize).toBe(4);
    const everywhere = [...s.related.map((r) => r.article.id), ...s.programs.flatMap((p) => p.articles.map((a) => a.id)), ...(s.sameRegion?.articles.map((a) => a.id) ?? []), ...s.timeline.map((t) => t.articleId), ...s.drift.flatMap((d) => d.there.map((t) => t.articleId))];
    expect(everywhere).not.toContain(own.id);
    // The saved copy names the 2023 plan too, but is not counted as another sighting.
    expect(s.programs.map((p) => [p.key, p.count])).toEqual([[FULL_2023, 2]]);
    expect(s.related[0]?.article.id).toBe(ids.SHANXI_2023);
    // The same text read on another site is the same article.
    const reprint = { ...SHANXI_2024, url: 'https://mirror.example.com/p/1.html', canonicalUrl: 'https://mirror.example.com/p/1.html' };
    s = await summarizeAgainstCorpus(db, reprint, { tokenize, today });
    expect(s.selfId).toBe(own.id);
    expect(s.related.map((r) => r.article.id)).not.toContain(own.id);
  });

  it('forgets a link once the reader dismisses the program that made it', async () => {
    const { db, ids } = await corpus();
    const program = (await db.annotations.where({ articleId: ids.SHANXI_TRAD, type: 'program' }).toArray())[0]!;
    expect(await updateAnnotation(db, program.id, { dismissed: true })).toEqual({ updated: true });
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    expect(s.programs[0]?.count).toBe(1);
    expect(s.programs[0]?.articles.map((a) => a.id)).toEqual([ids.SHANXI_2023]);
    expect((await db.articles.get(ids.SHANXI_TRAD!))?.counts?.program).toBe(0);
    await updateAnnotation(db, program.id, { dismissed: false });
    expect((await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today })).programs[0]?.count).toBe(2);
  });

  it('indexes articles saved without a tokenizer before comparing', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANXI_2023 });
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today });
    expect(s.related.map((r) => r.article.id)).toEqual([id]);
    expect(s.programs[0]?.count).toBe(1);
  });

  it('refuses a bad date or limit with a clear error', async () => {
    const db = freshDb();
    await expect(summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today: '2024/06/01' })).rejects.toThrow(/ISO date/);
    await expect(summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today, limit: 0 })).rejects.toThrow(/positive integer/);
  });

  it('limits every list', async () => {
    const { db } = await corpus();
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today, limit: 1 });
    expect(s.related).toHaveLength(1);
    expect(s.programs[0]?.articles).toHaveLength(1);
    expect(s.programs[0]?.count).toBe(2);
    expect(s.sameRegion?.articles).toHaveLength(1);
    for (const d of s.drift) expect(d.there.length).toBeLessThanOrEqual(1);
  });
});
