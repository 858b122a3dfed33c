import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { addWatch, listWatches, markWatchesSeen, matchWatches, removeWatch, watchBadge, watchKey, watchNews, watchSubject } from '../../lib/watch';
import { saveArticle } from '../../lib/corpus/store';
import { nodeTokenizer } from '../../lib/corpus/node';
import type { WatchRecord } from '../../lib/db/schema';
import type { PageCapture } from '../../lib/types';
import { SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS, capture, closeAll, freshDb } from './corpus/helpers';
import { saveArticles } from '../../lib/corpus/store';

afterEach(closeAll);

const watch = (kind: WatchRecord['kind'], value: string, id = `${kind}:${value}`): WatchRecord => ({ id, kind, value, key: watchKey(kind, value)!, createdAt: 0, seenAt: 0 });
const subjectOf = (p: PageCapture) => watchSubject({ title: p.meta.title ?? null, text: p.text, agencies: p.meta.agencies ?? null, spans: p.spans });
const matched = (watches: WatchRecord[], p: PageCapture) => matchWatches(watches, subjectOf(p)).map((m) => m.watchId);

describe('watch keys', () => {
  it('normalise each kind the way the library keys it, and refuse what is too short to mean anything', () => {
    expect(watchKey('program', '《山西省企業技術創新能力提升行動計劃》')).toBe('山西省企业技术创新能力提升行动计划');
    expect(watchKey('indicator', '培育專精特新中小企業')).toBe('专精特新企业');
    expect(watchKey('issuer', ' 山西省工業和信息化廳 ')).toBe('山西省工业和信息化厅');
    expect(watchKey('query', '中试平台  研發')).toBe('中试平台 研发');
    expect(watchKey('query', ' 省 ')).toBeNull();
    expect(watchKey('program', '《行动计划》')).toBeNull();
  });
});

describe('matching a page against the watchlist', () => {
  it('matches a watched program in any script and in any year\'s edition, and nothing on an unrelated page', () => {
    const w = [watch('program', '企业技术创新能力提升')];
    expect(matched(w, SHANXI_2023)).toEqual(['program:企业技术创新能力提升']);
    expect(matched(w, SHANXI_TRAD)).toEqual(['program:企业技术创新能力提升']);
    expect(matched(w, SHANXI_2024)).toEqual(['program:企业技术创新能力提升']);
    expect(matched(w, SHANDONG)).toEqual([]);
    expect(matched(w, SPORTS)).toEqual([]);
  });

  it('matches an issuer, an indicator across wording and script, and a query whose every word is on the page', () => {
    const w = [watch('issuer', '山西省工业和信息化厅'), watch('indicator', '专精特新企业'), watch('query', '中试平台 研发经费'), watch('query', '中试平台 篮球')];
    expect(matched(w, SHANXI_2024)).toEqual(['issuer:山西省工业和信息化厅', 'indicator:专精特新企业', 'query:中试平台 研发经费']);
    expect(matched(w, SHANDONG)).toEqual(['indicator:专精特新企业']);
    expect(matched(w, SHANXI_TRAD)).toEqual(['issuer:山西省工业和信息化厅']);
    expect(matched(w, SPORTS)).toEqual([]);
  });

  it('says what matched', () => {
    const [m] = matchWatches([watch('program', '企业技术创新能力提升')], subjectOf(SHANXI_2024));
    expect(m).toMatchObject({ kind: 'program', value: '企业技术创新能力提升', found: '山西省企业技术创新能力提升2024年行动计划' });
  });

  it('puts a star on the badge, keeping it within four characters', () => {
    expect(watchBadge('12', 0)).toBe('12');
    expect(watchBadge('12', 2)).toBe('★12');
    expect(watchBadge('', 1)).toBe('★');
    expect(watchBadge('999+', 1)).toBe('★99+');
  });
});

describe('stored watches and "new for my watchlist"', () => {
  it('adds each watch once, lists, removes', async () => {
    const db = freshDb();
    const a = await addWatch(db, 'program', '企业技术创新能力提升', 10);
    const again = await addWatch(db, 'program', '《企業技術創新能力提升》', 20);
    expect(again.id).toBe(a.id);
    await addWatch(db, 'query', '中试平台', 30);
    expect((await listWatches(db)).map((w) => w.value)).toEqual(['企业技术创新能力提升', '中试平台']);
    await expect(addWatch(db, 'query', '省', 40)).rejects.toThrow(/too short/);
    expect(await removeWatch(db, a.id)).toEqual({ removed: true });
    expect((await listWatches(db)).map((w) => w.kind)).toEqual(['query']);
  });

  it('lists the saved articles matching each watch since the reader last looked, through the indexes', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    await saveArticle(db, { page: SHANXI_2023, tokenize, now: 100 });
    await addWatch(db, 'program', '企业技术创新能力提升', 150);
    await addWatch(db, 'indicator', '专精特新中小企业', 150);
    await addWatch(db, 'issuer', '山西省工业和信息化厅', 150);
    await addWatch(db, 'query', '中试平台', 150);
    for (const [page, at] of [[SHANXI_TRAD, 200], [SHANDONG, 210], [SPORTS, 220], [SHANXI_2024, 230]] as const) await saveArticle(db, { page, tokenize, now: at });
    const news = await watchNews(db, tokenize);
    const titles = Object.fromEntries(news.map((n) => [n.watch.kind, n.articles.map((a) => a.title)]));
    expect(titles).toEqual({
      program: ['山西印发企业技术创新能力提升2024年行动计划', '山西部署企業技術創新工作'],
      indicator: ['山西印发企业技术创新能力提升2024年行动计划', '山東印發專精特新中小企業梯度培育方案'],
      issuer: ['山西印发企业技术创新能力提升2024年行动计划', '山西部署企業技術創新工作'],
      query: ['山西印发企业技术创新能力提升2024年行动计划'],
    });
    await markWatchesSeen(db, 300);
    expect(await watchNews(db, tokenize)).toEqual([]);
  });

  it('finds a new article for a watched query however low it ranks among many older ones', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    // Sixty short notices full of the words, then one long text that names them once: it ranks last.
    const older = Array.from({ length: 60 }, (_, i) => ({
      page: capture(`https://www.example.gov.cn/szjj/${i}.html`, `数字经济核心产业发展通报（第${i + 1}期）。数字经济核心产业增加值持续增长，数字经济核心产业企业数量增加。`, { title: `数字经济通报第${i + 1}期` }),
      tokenize, now: 100 + i,
    }));
    await saveArticles(db, older);
    await addWatch(db, 'query', '数字经济 核心产业', 500);
    const long = `${'各地要统筹推进基础设施建设，持续优化营商环境，扎实做好民生保障工作。'.repeat(40)}其中，数字经济核心产业保持较快增长。`;
    await saveArticle(db, { page: capture('https://www.example.gov.cn/gzbg/2026.html', long, { title: '政府工作报告' }), tokenize, now: 600 });
    expect((await watchNews(db, tokenize)).map((n) => n.articles.map((a) => a.title))).toEqual([['政府工作报告']]);
  });

  it('lists a new article that names a watched program only in its text, as the badge would star its page, and not one that only has the words apart', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    await addWatch(db, 'program', '优化营商环境专项行动', 100);
    const named = capture('https://www.example.gov.cn/yshj/1.html', '本市召开会议，部署优化营商环境专项行动各项任务，要求各部门按期完成。', { title: '部署专项行动' });
    const apart = capture('https://www.example.gov.cn/yshj/2.html', '本市召开会议，要求优化政务服务，改善营商条件和发展环境，开展专项检查行动。', { title: '召开会议' });
    expect(matched([watch('program', '优化营商环境专项行动')], named)).toEqual(['program:优化营商环境专项行动']);
    expect(matched([watch('program', '优化营商环境专项行动')], apart)).toEqual([]);
    await saveArticle(db, { page: named, tokenize, now: 200 });
    await saveArticle(db, { page: apart, tokenize, now: 210 });
    expect((await watchNews(db, tokenize)).map((n) => n.articles.map((a) => a.title))).toEqual([['部署专项行动']]);
  });

  it('lists for a watched query only the new articles whose text has it as typed, as the badge would star them', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    await addWatch(db, 'query', '数字经济11', 100);
    const typed = capture('https://www.example.gov.cn/szjj/a.html', '市政府出台促进数字经济11条措施，支持企业上云用数赋智。', { title: '十一条措施' });
    const apart = capture('https://www.example.gov.cn/szjj/b.html', '数字经济核心产业增加值占比达到11%，新建5G基站2000个，落实各条政策。', { title: '核心产业占比' });
    expect(matched([watch('query', '数字经济11')], typed)).toEqual(['query:数字经济11']);
    expect(matched([watch('query', '数字经济11')], apart)).toEqual([]);
    await saveArticle(db, { page: typed, tokenize, now: 200 });
    await saveArticle(db, { page: apart, tokenize, now: 210 });
    expect((await watchNews(db, tokenize)).map((n) => n.articles.map((a) => a.title))).toEqual([['十一条措施']]);
  });
});

