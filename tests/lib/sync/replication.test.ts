import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capture, closeAll, freshDb } from '../corpus/helpers';
import { saveArticle, updateAnnotation, deleteArticle } from '../../../lib/corpus/store';
import { syncRound, type Remote } from '../../../lib/sync/run';
import { startTeamServer, type TeamServer } from '../../fixtures/couch-server';

let server: TeamServer;
let n = 0;
beforeAll(async () => {
  server = await startTeamServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(closeAll);

async function teamDb(): Promise<Remote> {
  const name = `team-${++n}`;
  await server.db(name).info();
  return { url: server.dbUrl(name), username: 'u', password: 'p' };
}

const TEXT = '山西省印发《山西省企业技术创新能力提升2023年行动计划》，到2025年培育省级技术创新示范企业20户。';
const page = () =>
  capture('https://sx.gov.cn/a.html', TEXT, { title: '行动计划', region: '山西' }, [
    ['program', '《山西省企业技术创新能力提升2023年行动计划》', { name: '山西省企业技术创新能力提升2023年行动计划' }],
    ['target', '培育省级技术创新示范企业20户', { indicator: '培育省级技术创新示范企业', min: 20, max: 20, unit: '户', qualifier: null }],
  ]);

describe('replication through a CouchDB-compatible server', () => {
  it('an article and its annotations saved in one library reach another', async () => {
    const remote = await teamDb();
    const a = freshDb();
    const b = freshDb();
    const saved = await saveArticle(a, { page: page(), manual: [{ text: '技术创新', note: '重点', selectors: { quote: { exact: '技术创新', prefix: '', suffix: '' }, position: { start: 12, end: 16 } } }] });
    const r1 = await syncRound(a, remote, { me: 'alice' });
    expect(r1.pushed).toBeGreaterThan(0);
    const r2 = await syncRound(b, remote, { me: 'bob' });
    expect(r2.pulled).toBe(r1.pushed);
    const articles = await b.articles.toArray();
    expect(articles.map((x) => x.canonicalUrl)).toEqual(['https://sx.gov.cn/a.html']);
    expect(articles[0]!.savedBy).toBe('alice');
    const notes = await b.annotations.where('articleId').equals(articles[0]!.id).toArray();
    expect(notes.map((x) => x.type).sort()).toEqual(['highlight', 'program', 'target']);
    const hl = notes.find((x) => x.type === 'highlight')!;
    expect(hl.author).toBe('alice');
    expect(hl.note).toBe('重点');
    expect(articles[0]!.counts).toEqual({ target: 1, deadline: 0, program: 1, support: 0, highlight: 1 });
    // Nothing new on either side: a second round moves nothing.
    expect((await syncRound(a, remote, { me: 'alice' })).pushed).toBe(0);
    expect((await syncRound(b, remote, { me: 'bob' })).pushed).toBe(0);
    void saved;
  });
});
