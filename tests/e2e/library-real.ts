import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readText } from '../../lib/engine';
import { describeSpan } from '../../lib/anchor';
import type { ManualAnnotation, PageCapture } from '../../lib/types';

/**
 * A library of real policy texts (the labelled corpus in tests/fixtures/corpus), saved through the
 * extension's own save request from one of its pages, as the popup saves an article: the engine
 * reads each text in Node, the background stores and indexes it. For the tests and screenshots
 * that need a reader's library of some size (the popup's comparison, the all-highlights view).
 */
const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'corpus');

export interface LibraryText {
  name: string;
  text: string;
}

export function corpusTexts(): LibraryText[] {
  const out: LibraryText[] = [];
  for (const set of ['dev', 'holdout', 'holdout2']) {
    for (const f of readdirSync(join(CORPUS, set)).filter((n) => n.endsWith('.txt')).sort()) {
      const gold = JSON.parse(readFileSync(join(CORPUS, set, f.replace(/\.txt$/, '.gold.json')), 'utf8')) as { isPolicy: boolean };
      if (gold.isPolicy) out.push({ name: `${set}-${f.replace(/\.txt$/, '')}`, text: readFileSync(join(CORPUS, set, f), 'utf8') });
    }
  }
  return out;
}

/** Notes and tags a reader might have left, for the all-highlights view. */
const NOTES: { note: string; tags: string[] }[] = [
  { note: '与去年的目标对比，看是否加码', tags: ['跟踪', '目标'] },
  { note: '问一下省厅有没有配套资金', tags: ['资金'] },
  { note: '写进季度简报', tags: ['简报', '跟踪'] },
];

function captureOf(t: LibraryText, i: number): PageCapture {
  const firstLine = t.text.split('\n').map((l) => l.trim()).find(Boolean) ?? t.name;
  const title = (firstLine.split(/[。！？]/)[0] ?? firstLine).slice(0, 40);
  const publishedAt = `${2023 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
  const reading = readText(t.text, { publishedAt, force: true });
  const url = `https://www.example.gov.cn/zhengce/${t.name}.html`;
  return { url, canonicalUrl: url, meta: { ...reading.meta, title, publishedAt }, text: t.text, verdict: reading.verdict, spans: reading.spans };
}

/**
 * Save `count` real texts (or as many as there are) through the background, every `noteEvery`-th
 * with a reader's highlight carrying a note and tags. `page` must be one of the extension's pages.
 */
export async function fillWithRealArticles(page: Page, count: number, opts: { noteEvery?: number } = {}): Promise<number> {
  const texts = corpusTexts().slice(0, count);
  let saved = 0;
  for (const [i, t] of texts.entries()) {
    const capture = captureOf(t, i);
    const manual: ManualAnnotation[] = [];
    if (opts.noteEvery && i % opts.noteEvery === 0) {
      const sentence = capture.text.split('\n').find((l) => l.trim().length > 30) ?? capture.text;
      const start = capture.text.indexOf(sentence) + 2;
      const end = Math.min(start + 24, capture.text.length);
      const n = NOTES[(i / opts.noteEvery) % NOTES.length]!;
      manual.push({ text: capture.text.slice(start, end), selectors: describeSpan(capture.text, start, end), note: n.note, tags: n.tags });
    }
    const reply = await page.evaluate(async (message) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ ok: boolean; error?: string }> } } }).chrome;
      return api.runtime.sendMessage(message);
    }, { type: 'saveArticle', page: capture, manual });
    if (!reply?.ok) throw new Error(`saving ${t.name}: ${reply?.error ?? 'no reply'}`);
    saved++;
  }
  return saved;
}
