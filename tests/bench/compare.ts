/**
 * Issue 18: what the watchlist check costs per page and what a comparison of two versions costs.
 * The page check (lib/watch.ts watchSubject + matchWatches) reads only the page (its reading and
 * text) and the watches, never the library, so its cost does not depend on how many articles are
 * saved: measured on the dev corpus texts as read by the engine, with 50 watches of every kind.
 * Goals from the issue: ≤ 10 ms per page, ≤ 200 ms per comparison.
 */
import { readText } from '../../lib/engine';
import { describeSpan } from '../../lib/anchor';
import { compareVersions, type VersionSide } from '../../lib/compare/versions';
import { matchWatches, watchKey, watchSubject, type WatchKind } from '../../lib/watch';
import type { WatchRecord } from '../../lib/db/schema';
import { devTexts, policyText } from './pages';
import { emptySection, figure, repeat, type Section } from './stats';

const AREA = 'compare & watch (Node)';

function side(id: string, text: string): VersionSide {
  const reading = readText(text, { force: true, publishedAt: '2024-01-01' });
  return {
    article: { id, url: `https://x/${id}`, canonicalUrl: `https://x/${id}`, contentHash: id, title: id, text, verdict: reading.verdict, savedAt: 1, updatedAt: 1 },
    annotations: reading.spans.map((s, i) => ({ id: `${id}${i}`, articleId: id, type: s.type, origin: 'auto', text: s.text, value: s.value, tags: [], selectors: describeSpan(text, s.start, s.end), createdAt: 1, updatedAt: 1 })),
  };
}

/** A revision as real ones are made: every third figure changed, every fifth paragraph rewritten. */
function revise(text: string): string {
  let n = 0;
  return text
    .replace(/\d+(?=[个家户项人%亿万])/g, (d) => (++n % 3 === 0 ? String(Number(d) + 7) : d))
    .split('\n')
    .map((p, i) => (i % 5 === 4 ? `${p.slice(0, p.length >> 1)}进一步加大支持力度。` : p))
    .join('\n');
}

export async function benchCompare(): Promise<Section> {
  const out = emptySection();
  const kinds: WatchKind[] = ['program', 'issuer', 'indicator', 'query'];
  const values = ['企业技术创新能力提升', '工业和信息化厅', '专精特新企业', '中试平台 研发', '营商环境', '人民政府办公室', '高新技术企业', '数字经济 核心产业', '促进残疾人就业', '财政厅'];
  const watches: WatchRecord[] = [];
  for (let i = 0; i < 50; i++) {
    const kind = kinds[i % 4]!;
    const value = `${values[i % values.length]!}${i >= values.length ? String(i) : ''}`;
    const key = watchKey(kind, value);
    if (key) watches.push({ id: `w${i}`, kind, value, key, createdAt: 0, seenAt: 0 });
  }
  const pages = devTexts().map(({ text }) => ({ text, spans: readText(text, { force: true }).spans }));
  const check = await repeat(() => {
    for (const p of pages) matchWatches(watches, watchSubject({ title: null, text: p.text, spans: p.spans }));
  }, { warmup: 2, runs: 15, budgetMs: 10_000 });
  const perPage = { ...check, median: check.median / pages.length, min: check.min / pages.length, max: check.max / pages.length, p10: check.p10 / pages.length, p90: check.p90 / pages.length };
  out.figures.push(figure(AREA, `watchlist check per page (${watches.length} watches, ${pages.length} dev texts; independent of library size, so the same at 10k articles)`, 'ms', perPage));

  const long = policyText(50_000);
  for (const [name, text] of [['dev text pair (~2k chars)', devTexts().find((d) => d.text.length > 1500)!.text], ['long pair (50k chars)', long]] as const) {
    const a = side('a', text);
    const b = side('b', revise(text));
    const cmp = await repeat(() => compareVersions(a, b), { warmup: 1, runs: 7, budgetMs: 15_000 });
    out.figures.push(figure(AREA, `compare two versions, ${name}`, 'ms', cmp));
  }
  out.notes.push('compare & watch: goals ≤ 10 ms per page for the watchlist check and ≤ 200 ms per comparison (issue 18).');
  return out;
}
