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

/** Paragraphs of `policyText`, for pages. */
export function policyParagraphs(chars: number): string[] {
  return policyText(chars).split('\n').map((p) => p.trim()).filter(Boolean);
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
 * it is off for the extension bench, because COOP moves every navigation to a new renderer
 * process and CDP's per-process counters (ScriptDuration) would restart between two readings.
 */
export async function startBenchServer(options: { isolated?: boolean } = {}): Promise<BenchServer> {
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
