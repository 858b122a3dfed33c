/**
 * Inputs shared by the bench modules: the fixture pages, the dev corpus, generated long texts and
 * pages, and a local server for Chromium. Everything generated is deterministic, so two runs (and
 * Node vs Chromium within a run) measure the same input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = join(ROOT, 'tests/fixtures/pages');
const REAL_PAGES = join(ROOT, 'tests/fixtures/real-pages');
const DEV = join(ROOT, 'tests/fixtures/corpus/dev');

export interface FixturePage {
  slug: string;
  html: string;
  url: string;
  isPolicy: boolean;
  publishedAt?: string;
}

export function fixturePages(): FixturePage[] {
  return readdirSync(PAGES)
    .sort()
    .map((slug) => {
      const html = readFileSync(join(PAGES, slug, 'source.html'), 'utf8');
      let expected: { url?: string; isPolicy?: boolean; publishedAt?: string } = {};
      try {
        expected = JSON.parse(readFileSync(join(PAGES, slug, 'expected.json'), 'utf8')) as typeof expected;
      } catch {
        // A page without expectations is still a page to read.
      }
      return {
        slug, html, url: expected.url ?? `https://example.cn/${slug}.html`, isPolicy: expected.isPolicy ?? false,
        ...(expected.publishedAt ? { publishedAt: expected.publishedAt } : {}),
      };
    });
}

/**
 * The real saved pages (tests/fixtures/real-pages, one folder per page): what readers actually
 * open, next to the sample site. Served from the bench server at /real-pages/<slug>.html, as the
 * real-pages e2e test does.
 */
export function realPages(): FixturePage[] {
  return readdirSync(REAL_PAGES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((slug) => {
      const expected = JSON.parse(readFileSync(join(REAL_PAGES, slug, 'expected.json'), 'utf8')) as { isPolicy?: boolean };
      return { slug, html: readFileSync(join(REAL_PAGES, slug, 'source.html'), 'utf8'), url: `https://example.cn/real-pages/${slug}.html`, isPolicy: expected.isPolicy ?? false };
    });
}

export function devTexts(): { file: string; text: string }[] {
  return readdirSync(DEV)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(DEV, file), 'utf8') }));
}

/**
 * `length` characters of real policy prose: the dev texts end to end, repeated. Repetition keeps
 * the density of targets, deadlines and programs of real articles at any size.
 */
export function policyText(length: number): string {
  const all = devTexts().map((d) => d.text.trim()).join('\n');
  let out = '';
  while (out.length < length) out += (out ? '\n' : '') + all;
  return out.slice(0, length);
}

/**
 * Lines the dev texts carry over from the pages they were copied from (breadcrumbs, view counts,
 * copyright and reprint notices, tip-off lines): not article prose. A reader rightly stops at or
 * drops them, so inside a long article they would make it read less than Readability parses.
 */
const PAGE_CHROME = /您现在的位置|当前位置|人气[:：]|版权|版權|转载|轉載|轉(\(zhuǎn\))?載|来源[:：]|來源[:：]|爆料|责任编辑|責任編輯|扫一扫|分享到|上一篇|下一篇|打印|关闭窗口|免责|免責|延伸阅读|延伸閱讀|相关阅读|相關閱讀|微信公众号|微信公眾號|^[•·]|^首页\s*[>›»＞]/;

/** Paragraphs of `policyText` without page chrome, for pages. */
export function policyParagraphs(chars: number): string[] {
  return policyText(Math.round(chars * 1.3)).split('\n').map((p) => p.trim()).filter((p) => p && !PAGE_CHROME.test(p)).reduce<{ out: string[]; n: number }>((acc, p) => {
    if (acc.n < chars) {
      acc.out.push(p);
      acc.n += p.length;
    }
    return acc;
  }, { out: [], n: 0 }).out;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A long policy article in a real provincial template (the Henan #zoom fixture) with ~`chars`
 * characters of dev-corpus paragraphs added to its body. Page scripts are removed so that, in
 * Chromium, every script millisecond on the page belongs to the content script.
 */
export function longArticleHtml(chars: number): string {
  const base = readFileSync(join(PAGES, 'policy-henan-notice-zoom', 'source.html'), 'utf8');
  const paras = policyParagraphs(chars).map((p) => `      <p>${escapeHtml(p)}</p>`).join('\n');
  const marker = '    </div>\n    <div class="print-close">';
  if (!base.includes(marker)) throw new Error('bench: the Henan fixture changed; update longArticleHtml');
  return stripScripts(base.replace(marker, `${paras}\n${marker}`));
}

export function stripScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/\son[a-z]+="[^"]*"/gi, '');
}

/**
 * A plain page of ~`chars` characters in <p> elements, one "\n" between them and no other
 * whitespace, so the page's textContent and our text map hold the same characters: peers that
 * read textContent (mark.js, dom-anchor-text-quote) and our map see the same offsets.
 */
export function plainPageHtml(chars: number): string {
  const paras = uniqueParagraphs(policyParagraphs(chars)).map((p) => `<p>${escapeHtml(p)}</p>`);
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>` +
    `<style>body{font:16px/1.7 "Noto Sans CJK SC",sans-serif;max-width:800px;margin:0 auto}</style></head>` +
    `<body><div id="root">${paras.join('\n')}</div></body></html>`;
}

const FILL = '甲乙丙丁戊己庚辛壬癸';

/**
 * Repeated paragraphs with every 10th character changed per repetition: with verbatim copies an
 * annotation's quote exists twice, and the peers and we would legitimately disagree on which copy
 * is meant, which is not what the page benches measure.
 */
function uniqueParagraphs(paras: string[]): string[] {
  const seen = new Map<string, number>();
  return paras.map((p) => {
    const copy = seen.get(p) ?? 0;
    seen.set(p, copy + 1);
    if (copy === 0) return p;
    return p.split('').map((c, i) => ((i + copy) % 10 === 0 ? FILL[(i + copy) % FILL.length]! : c)).join('');
  });
}

export interface BenchServer {
  url: string;
  /** Serve `body` at `path` (e.g. '/long.html'). */
  put(path: string, body: string | Buffer, type?: string): void;
  close(): Promise<void>;
}

/**
 * A local server on 127.0.0.1 for the Chromium benches. Cross-origin isolation (COOP/COEP) gives
 * performance.now() 5 µs resolution instead of 100 µs, which matters for sub-millisecond figures;
 * it is off for the extension benches, because COOP moves every navigation to a new renderer
 * process and CDP's per-process counters (ScriptDuration) would restart between two readings.
 */
export async function startBenchServer(options: { isolated?: boolean; cors?: boolean } = {}): Promise<BenchServer> {
  const isolated = options.isolated ?? true;
  const files = new Map<string, { body: string | Buffer; type: string }>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const f = files.get(path);
    if (!f) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': f.type,
      'cache-control': 'no-store',
      ...(isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
      // The corpus bench fetches its articles from an extension page.
      ...(options.cors ? { 'access-control-allow-origin': '*' } : {}),
    });
    res.end(f.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    put(path, body, type = path.endsWith('.js') ? 'text/javascript; charset=utf-8' : path.endsWith('.wasm') ? 'application/wasm' : 'text/html; charset=utf-8') {
      files.set(path, { body, type });
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
