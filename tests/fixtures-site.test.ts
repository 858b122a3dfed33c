import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTextMap } from '../lib/page/text-map';
import { startSiteServer, type SiteServer } from './fixtures/site-server';
import { buildSite, isSiteCorpusText } from './fixtures/tools/build-site';
import {
  CONTAINER_SELECTOR,
  type Expected,
  type Gold,
  normalizeLines,
  stripGlosses,
  validateExpected,
} from './fixtures/tools/page-kit';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const PAGES = join(FIXTURES, 'pages');
const CORPUS = join(FIXTURES, 'corpus', 'dev');

const { pages: generated, stale } = buildSite({ write: false });

function readPage(slug: string) {
  const html = readFileSync(join(PAGES, slug, 'source.html'), 'utf8');
  const expected = JSON.parse(readFileSync(join(PAGES, slug, 'expected.json'), 'utf8')) as Expected;
  return { html, expected, document: parseHTML(html).document };
}

/** GET with the path sent byte for byte: fetch() would normalise ../ away before it left. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('generated sample site', () => {
  it('is up to date with the generator (rerun tests/fixtures/tools/build-site.ts)', () => {
    // The index also lists other generators' folders, which may appear after our last run.
    expect(stale.filter((f) => !f.startsWith('site/'))).toEqual([]);
  });

  it('has the required pages: every corpus text, a ruby page, sports and review pages', () => {
    const corpus = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.txt') && isSiteCorpusText(f.slice(0, -4)))
      .map((f) => `corpus-${f.slice(0, -4)}`);
    for (const slug of corpus) expect(generated).toContain(slug);
    expect(generated.some((s) => /^corpus-\d+-ruby$/.test(s))).toBe(true);
    expect(generated.some((s) => s.startsWith('site-sports-'))).toBe(true);
    expect(generated.some((s) => s.startsWith('site-review-'))).toBe(true);
  });

  it('writes a valid expected.json for every page folder', () => {
    const folders = readdirSync(PAGES).filter((s) => existsSync(join(PAGES, s, 'expected.json')));
    expect(folders.length).toBeGreaterThanOrEqual(generated.length);
    for (const slug of folders) {
      const value: unknown = JSON.parse(readFileSync(join(PAGES, slug, 'expected.json'), 'utf8'));
      expect([slug, validateExpected(value)]).toEqual([slug, []]);
    }
  });

  it('uses all three templates', () => {
    const kinds = new Set<string>();
    for (const slug of generated) {
      const { document } = readPage(slug);
      if (document.querySelector('meta[name="ArticleTitle"]') && document.querySelector('#zoom')) kinds.add('gov');
      else if (document.querySelector('article')) kinds.add('national');
      else if (document.querySelector('.article-content')) kinds.add('newspaper');
    }
    expect([...kinds].sort()).toEqual(['gov', 'national', 'newspaper']);
  });

  describe.each(generated)('%s', (slug) => {
    const { html, expected, document } = readPage(slug);
    const containers = document.querySelectorAll(CONTAINER_SELECTOR);
    const text = containers[0] ? buildTextMap(containers[0]).text : '';
    const ruby = slug.endsWith('-ruby');

    it('has exactly one article container', () => {
      expect(containers.length).toBe(1);
    });

    if (slug.startsWith('corpus-')) {
      const name = slug.replace(/^corpus-/, '').replace(/-ruby$/, '');
      const corpusText = readFileSync(join(CORPUS, `${name}.txt`), 'utf8');
      const gold = JSON.parse(readFileSync(join(CORPUS, `${name}.gold.json`), 'utf8')) as Gold;
      const seen = ruby ? stripGlosses(corpusText) : corpusText;

      it('shows the corpus text, paragraph by paragraph, as the article text', () => {
        expect(normalizeLines(text)).toBe(normalizeLines(seen));
        expect(containers[0]!.querySelectorAll('p').length).toBe(normalizeLines(seen).split('\n').length);
      });

      it('contains every gold annotation as many times as its nth asks', () => {
        const page = normalizeLines(text);
        for (const a of gold.annotations) {
          const wanted = normalizeLines(ruby ? stripGlosses(a.text) : a.text);
          expect([a.text, page.split(wanted).length - 1 > (a.nth ?? 0)]).toEqual([a.text, true]);
        }
        for (const e of expected.examples) expect(page).toContain(e.text);
      });

      it('matches gold.json in its verdict and region', () => {
        expect(expected.isPolicy).toBe(gold.isPolicy);
        expect(expected.region).toBe(gold.region);
        for (const e of expected.examples)
          expect(gold.annotations.some((a) => !a.optional && a.type === e.type && (ruby ? stripGlosses(a.text) : a.text) === e.text)).toBe(true);
      });

      if (ruby)
        it('renders glosses as ruby markup, none inline', () => {
          expect(containers[0]!.querySelectorAll('ruby rt').length).toBeGreaterThan(5);
          expect(text).not.toMatch(/[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/);
          expect(containers[0]!.textContent).toMatch(/[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/);
        });
    } else {
      it('has a long non-policy text with numbers, dates and percentages', () => {
        expect(expected.isPolicy).toBe(false);
        expect(normalizeLines(text).replace(/\s/g, '').length).toBeGreaterThanOrEqual(600);
        expect(text).toMatch(/\d+%/);
        expect(text).toMatch(/\d+月\d+日/);
      });
    }

    it('shows the expected title and publication date', () => {
      const h1 = document.querySelector('h1');
      expect(h1 && buildTextMap(h1).text.trim()).toBe(expected.title);
      if (expected.publishedAt) expect(html).toContain(expected.publishedAt);
    });

    it('has the realistic noise around the article and nothing from other hosts', () => {
      expect(document.querySelectorAll('script').length).toBeGreaterThan(0);
      expect(document.querySelector('noscript')).not.toBeNull();
      expect(document.querySelector('[style*="display:none"]')).not.toBeNull();
      expect(html).toMatch(/版权|Copyright/);
      expect(html).toContain('相关阅读');
      expect(html).not.toMatch(/(?:src|href|action)\s*=\s*["']?(?:https?:)?\/\//i);
      expect(html).not.toMatch(/fetch\(|XMLHttpRequest|sendBeacon|new Image/);
    });

    if (document.querySelector('meta[name="ArticleTitle"]'))
      it('carries the government portal metadata', () => {
        const meta = (name: string) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
        expect(meta('ArticleTitle')).toBe(expected.title);
        expect(meta('PubDate')?.startsWith(expected.publishedAt ?? '')).toBe(true);
        for (const name of ['ContentSource', 'ColumnName', 'Keywords']) expect(meta(name)).toBeTruthy();
        const table = document.querySelector('table.xxgk-table')!.textContent ?? '';
        for (const label of ['索', '发文字号', '成文日期', '发布机构']) expect(table).toContain(label);
        if (expected.docNumber) expect(table).toContain(expected.docNumber);
      });
  });
});

describe('site server', () => {
  let server: SiteServer;
  beforeAll(async () => {
    server = await startSiteServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 and serves the index with links to every page, grouped by verdict', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const { document } = parseHTML(await res.text());
    const links = (id: string) => [...document.querySelectorAll(`#${id} a`)].map((a) => a.getAttribute('href'));
    for (const slug of generated) {
      const { expected } = readPage(slug);
      expect(links(expected.isPolicy ? 'policy' : 'other')).toContain(`/pages/${slug}/`);
    }
    expect(links('other')).toContain('/seed/seed-001-ruby.html');
  });

  it('serves article pages as UTF-8 HTML, with or without the trailing slash', async () => {
    for (const slug of ['corpus-107', 'site-sports-basketball']) {
      const { html } = readPage(slug);
      for (const path of [`/pages/${slug}/`, `/pages/${slug}`]) {
        const res = await fetch(server.url + path);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await res.text()).toBe(html);
      }
    }
    const seed = await fetch(`${server.url}/seed/seed-001-ruby.html`);
    expect(seed.status).toBe(200);
    expect(await seed.text()).toContain('<ruby>');
  });

  it('answers 404 for anything else', async () => {
    for (const path of ['/nope', '/pages/no-such-page/', '/seed/missing.html', '/pages/', '/site/index.html', '/pages/corpus-000/expected.json'])
      expect([path, (await fetch(server.url + path)).status]).toEqual([path, 404]);
  });

  it('refuses path traversal, plain or encoded', async () => {
    for (const path of [
      '/seed/../../../package.json',
      '/seed/..%2f..%2f..%2fpackage.json',
      '/seed/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/pages/..%2F..%2F..%2Fpackage.json/',
      '/pages/../../../package.json',
      '/seed/..\\..\\..\\package.json',
      '/seed/%5c..%5cpackage.json',
    ]) {
      const res = await rawGet(server.url, path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body).not.toContain('"devDependencies"');
    }
  });
});
