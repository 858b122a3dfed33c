import 'fake-indexeddb/auto';
import os from 'node:os';
import Dexie from 'dexie';
import { PolicyDB } from '../../lib/db/schema';
import { saveArticle } from '../../lib/corpus/store';
import { syncRound } from '../../lib/sync/run';
import { startTeamServer } from '../fixtures/couch-server';
import { capture } from '../lib/corpus/helpers';

/**
 * `npm run bench:sync [articles...]`: the time team sync takes to send a library of N articles
 * (each with a program, a target and a highlight with a note) to an empty CouchDB database, and
 * to replicate it into an empty profile: PouchDB's replicator over the Dexie library
 * (lib/sync/run.ts), express-pouchdb on 127.0.0.1 as the server, fake-indexeddb as IndexedDB.
 * Node, not a browser: the protocol's and the library's work, without Chromium's IndexedDB.
 * Defaults: 1,000 and 10,000 articles. Prints each size as it finishes, then the date, the load
 * and the milliseconds per article at each size, wall and CPU (the process's user and system
 * time, which other jobs on the machine change less): replication should take about as long per
 * article at 10,000 as at 1,000.
 */
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const TEXT = '山西省印发《山西省企业技术创新能力提升2023年行动计划》，到2025年培育省级技术创新示范企业20户。';

function page(i: number) {
  const text = `${TEXT}第${i}号文件，由省工业和信息化厅负责解释。`;
  return capture(`https://sx.gov.cn/bench/${i}.html`, text, { title: `行动计划 ${i}`, region: '山西' }, [
    ['program', '《山西省企业技术创新能力提升2023年行动计划》', { name: '山西省企业技术创新能力提升2023年行动计划' }],
    ['target', '培育省级技术创新示范企业20户', { indicator: '培育省级技术创新示范企业', min: 20, max: 20, unit: '户', qualifier: null }],
  ]);
}
const highlight = (exact: string) => {
  const start = TEXT.indexOf(exact);
  return { text: exact, note: '重点', selectors: { quote: { exact, prefix: '', suffix: '' }, position: { start, end: start + exact.length } } };
};

async function main() {
  const server = await startTeamServer();
  const results: Record<string, number>[] = [];
  try {
    for (const n of SIZES.length ? SIZES : [1_000, 10_000]) {
      const name = `bench-${n}`;
      await server.db(name).info();
      const remote = { url: server.dbUrl(name), username: 'u', password: 'p' };
      const a = new PolicyDB(`bench-a-${n}`);
      const b = new PolicyDB(`bench-b-${n}`);
      // CPU seconds beside wall seconds: on a shared machine the wall clock measures the neighbours too.
      const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
      let t = performance.now();
      let c = cpu();
      for (let i = 0; i < n; i++) await saveArticle(a, { page: page(i), manual: [highlight('技术创新')] });
      const fillSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      c = cpu();
      const pushed = await syncRound(a, remote, { me: 'alice' });
      const pushSeconds = (performance.now() - t) / 1000;
      const pushCpuSeconds = cpu() - c;
      t = performance.now();
      c = cpu();
      const pulled = await syncRound(b, remote, { me: 'bob' });
      const pullSeconds = (performance.now() - t) / 1000;
      const pullCpuSeconds = cpu() - c;
      const articles = await b.articles.count();
      results.push({
        articles: n, documents: pushed.pushed, fillSeconds: +fillSeconds.toFixed(1), pushSeconds: +pushSeconds.toFixed(1),
        pullToEmptySeconds: +pullSeconds.toFixed(1), pushCpuSeconds: +pushCpuSeconds.toFixed(1), pullCpuSeconds: +pullCpuSeconds.toFixed(1),
        pulledDocuments: pulled.pulled, articlesInEmptyProfile: articles,
      });
      // Each size as it finishes: the larger ones take minutes.
      console.log(JSON.stringify(results.at(-1)));
      if (articles !== n) process.exitCode = 1;
      a.close();
      b.close();
      await Dexie.delete(a.name);
      await Dexie.delete(b.name);
      // The server keeps its databases in memory: the next size starts without this one's.
      await server.db(name).destroy();
    }
    // Time per article at each size: equal figures are a linear replication, growing ones are not.
    const per = (r: Record<string, number>, k: string) => +((r[k]! * 1000) / r.articles!).toFixed(2);
    console.log(JSON.stringify({
      date: new Date().toISOString(), load: os.loadavg().map((l) => +l.toFixed(2)), cpus: os.cpus().length,
      msPerArticle: results.map((r) => ({
        articles: r.articles, push: per(r, 'pushSeconds'), pullToEmpty: per(r, 'pullToEmptySeconds'), pushCpu: per(r, 'pushCpuSeconds'), pullCpu: per(r, 'pullCpuSeconds'),
      })),
    }));
  } finally {
    await server.close();
  }
}

void main();
