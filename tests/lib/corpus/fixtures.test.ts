import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readText } from '../../../lib/engine';
import type { PageCapture } from '../../../lib/types';
import { saveArticle } from '../../../lib/corpus/store';
import { summarizeAgainstCorpus } from '../../../lib/corpus/summary';
import { searchCorpus } from '../../../lib/corpus/search';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { foldText } from '../../../lib/text/fold';
import type { PolicyDB } from '../../../lib/db/schema';
import { closeAll, freshDb } from './helpers';

/**
 * The labelled dev corpus run through the real engine and saved: the comparison on real articles
 * (traditional, simplified, glossed) rather than on hand-made spans. Expectations are about what
 * the articles are (two recruitment notices, two 山东 manufacturing plans, two employment plans),
 * not about scores.
 */
const DIR = join(__dirname, '../../fixtures/corpus/dev');
const tokenize = nodeTokenizer();
const pages = new Map<string, PageCapture>();
const ids = new Map<string, string>();
let db: PolicyDB;

beforeAll(async () => {
  db = freshDb();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()) {
    const name = file.replace('.txt', '');
    const text = readFileSync(join(DIR, file), 'utf8');
    const gold = JSON.parse(readFileSync(join(DIR, `${name}.gold.json`), 'utf8')) as { region: string | null };
    const reading = readText(text, { force: true });
    const url = `https://fixtures.example.gov.cn/dev/${name}.html`;
    const page: PageCapture = { url, canonicalUrl: url, meta: { ...reading.meta, title: `dev ${name}`, region: gold.region }, text, verdict: reading.verdict, spans: reading.spans };
    pages.set(name, page);
    ids.set(name, (await saveArticle(db, { page, tokenize })).id);
  }
});
afterAll(closeAll);

async function summary(name: string) {
  return summarizeAgainstCorpus(db, pages.get(name)!, { tokenize, today: '2025-01-01' });
}

const nameOf = (id: string): string => [...ids.entries()].find(([, v]) => v === id)?.[0] ?? id;

describe('comparison on the labelled dev corpus', () => {
  it('saved every article once', async () => {
    expect(await db.articles.count()).toBe(pages.size);
    expect((await db.corpusStats.get('bm25'))?.docs).toBe(pages.size);
  });

  it('pairs the two public-recruitment notices (one simplified, one traditional)', async () => {
    expect((await summary('201')).related.map((r) => nameOf(r.article.id))[0]).toBe('202');
    expect((await summary('202')).related.map((r) => nameOf(r.article.id))[0]).toBe('201');
  });

  it('relates the two 山东 manufacturing plans and the two employment plans', async () => {
    expect((await summary('001')).related.slice(0, 2).map((r) => nameOf(r.article.id))).toContain('002');
    expect((await summary('141')).related.slice(0, 2).map((r) => nameOf(r.article.id))).toContain('129');
    expect((await summary('129')).related.slice(0, 2).map((r) => nameOf(r.article.id))).toContain('141');
  });

  it('keeps recruitment notices out of a manufacturing plan\'s related articles', async () => {
    const related = (await summary('000')).related.map((r) => nameOf(r.article.id));
    expect(related.length).toBeGreaterThan(0);
    expect(related).not.toContain('201');
    expect(related).not.toContain('202');
  });

  it('matches regions across scripts (山東 in one label, 山东 in another)', async () => {
    const s = await summary('001');
    expect(s.sameRegion?.region).toBe('山东');
    expect(s.sameRegion?.articles.map((a) => nameOf(a.id))).toEqual(['002']);
    expect((await summary('000')).sameRegion?.articles.map((a) => nameOf(a.id))).toEqual(['101']);
  });

  it('never lists an article as related to itself, and the timeline holds this article\'s deadlines', async () => {
    for (const name of ['000', '124', '141']) {
      const s = await summary(name);
      expect(s.selfId).toBe(ids.get(name));
      expect(s.related.map((r) => r.article.id)).not.toContain(ids.get(name));
      const own = pages.get(name)!.spans.filter((sp) => sp.type === 'deadline').length;
      expect(s.timeline.filter((t) => t.current).length).toBeLessThanOrEqual(own);
      if (own > 0) expect(s.timeline.some((t) => t.current)).toBe(true);
    }
  });

  it('search finds only articles that contain the words, in either script', async () => {
    for (const query of ['专精特新', '招聘', '城镇新增就业', '中试']) {
      const r = await searchCorpus(db, { text: query }, tokenize);
      expect(r.hits.length).toBeGreaterThan(0);
      for (const h of r.hits) {
        const text = pages.get(h.article.title.replace('dev ', ''))!.text;
        for (const term of r.terms) expect(foldText(text).toLowerCase()).toContain(term);
      }
    }
    const r = await searchCorpus(db, { text: '20戶' }, tokenize);
    expect(r.hits.map((h) => nameOf(h.article.id))).toContain('000');
  });
});
