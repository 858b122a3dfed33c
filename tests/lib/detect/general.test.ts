import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../lib/detect/index';
import { containerOf, generalRequest, isPickedBlocks, runSteps, runStepsAsync, serializeCopy, SLICE_MS, type GeneralSteps, type PickedBlocks } from '../../../lib/detect/general';
import { PAUSE } from '../../../lib/page/steps';
import { PAUSE_MASK } from '../../../lib/page/steps';
import { locateSteps } from '../../../lib/detect/locate';
import { locatePage, pickFromHtml, pickWithReadability } from '../../../lib/detect/readability';
import { proseMap } from '../../../lib/detect/prose';

/**
 * The general method across a message (lib/detect/general.ts): the content script serialises its
 * marked copy, the extension parses and runs Readability, and the answer maps back to the live
 * page. Crossing the message must not change what is found: on every page of both fixture sets
 * where the general method runs, the answer from the serialised copy is the in-process answer.
 */

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const REAL = join(process.cwd(), 'tests/fixtures/real-pages');
const SAMPLE = join(process.cwd(), 'tests/fixtures/pages');
const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name, 'source.html'));

/** Each page's general-method request (if locating it asks for one), built as the content script builds it. */
function requestsOf(path: string): { html: string; inProcess: PickedBlocks | null }[] {
  const out: { html: string; inProcess: PickedBlocks | null }[] = [];
  runSteps(locateSteps(parsePage(readFileSync(path, 'utf8')), pathToFileURL(path).href), (copy) => {
    // Serialised first (from a twin: serialising drops scripts): Readability changes the copy in place.
    const html = serializeCopy(parsePage(`<!DOCTYPE html>${copy.documentElement.outerHTML}`));
    const inProcess = pickWithReadability(copy);
    out.push({ html, inProcess });
    return inProcess;
  });
  return out;
}

describe('the general method across a message', () => {
  const pages = [...folders(REAL), ...folders(SAMPLE)];
  const asked = pages.flatMap((path) => requestsOf(path).map((r) => ({ path, ...r })));

  it('runs on some pages of each set (else this test proves nothing)', () => {
    expect(asked.filter((a) => a.path.startsWith(REAL)).length).toBeGreaterThanOrEqual(3);
    expect(asked.filter((a) => a.path.startsWith(SAMPLE)).length).toBeGreaterThanOrEqual(3);
    expect(asked.filter((a) => a.inProcess).length).toBeGreaterThanOrEqual(3);
  });

  it('finds the same blocks from the serialised copy as in process', () => {
    for (const a of asked) expect(pickFromHtml(a.html, parsePage), a.path).toEqual(a.inProcess);
  });

  it('locates the same article whether Readability is in process or across an async message', async () => {
    for (const path of new Set(asked.map((a) => a.path))) {
      const raw = readFileSync(path, 'utf8');
      const here = locatePage(parsePage(raw), pathToFileURL(path).href);
      const across = await locatePageAcross(parsePage(raw), pathToFileURL(path).href);
      expect(across.text, path).toBe(here.text);
      expect(across.article?.via, path).toBe(here.article?.via);
    }
  });
});

async function locatePageAcross(doc: Document, url: string) {
  return runStepsAsync(locateSteps(doc, url), async (request) => {
    const html = serializeCopy(request.copy);
    const picked = JSON.parse(JSON.stringify(pickFromHtml(html, parsePage))) as unknown;
    return isPickedBlocks(picked) ? picked : null;
  });
}

const PARA = '到2026年，全省新培育省级智能工厂300个以上，关键工序数控化率达到68%以上；推动制造业数字化转型。';
const page = (body: string) => parse(`<!doctype html><html><head><title>通知</title></head><body>${body}</body></html>`);

describe('the copy and the answer', () => {
  it('marks every element of the region with its place, and drops scripts and styles only when serialised', () => {
    const doc = page(`<div class="main"><p>${PARA}</p><script>var x = 1;</script><style>p{}</style><p>${PARA}</p></div>`);
    const request = generalRequest(doc, proseMap(doc.body))!;
    expect(request).not.toBeNull();
    expect(request.live.map((e) => e.tagName)).toContain('SCRIPT');
    const html = serializeCopy(request.copy);
    expect(html).not.toContain('var x');
    expect(html).not.toContain('p{}');
    expect(html).toContain('data-pl-node="0"');
    // The copy reads Chinese enumeration marks as commas (Readability counts commas); the page keeps them.
    expect(doc.body.textContent).toContain('；');
  });

  it('has no request for a page without a paragraph', () => {
    const doc = page('<div><a href="/a">首页</a><a href="/b">新闻</a></div>');
    expect(generalRequest(doc, proseMap(doc.body))).toBeNull();
  });

  it('believes an answer only in its shape', () => {
    expect(isPickedBlocks({ paragraphs: [1, 2], divs: [] })).toBe(true);
    for (const bad of [null, 'x', {}, { paragraphs: [1] }, { paragraphs: [-1], divs: [] }, { paragraphs: [1.5], divs: [] }, { paragraphs: ['1'], divs: [] }, { paragraphs: new Array(100_001).fill(0), divs: [] }]) {
      expect(isPickedBlocks(bad), JSON.stringify(bad)?.slice(0, 40)).toBe(false);
    }
  });

  it('maps marks back to the live page, ignoring marks it does not have', () => {
    const doc = page(`<div id="a"><div id="b"><p>${PARA}</p><p>${PARA}</p></div><p>${PARA}</p></div>`);
    const live = [...doc.querySelectorAll('#a, #a *')];
    const [, b, p1, p2, p3] = live;
    expect(containerOf(live, { paragraphs: [live.indexOf(p1!), live.indexOf(p2!)], divs: [] })).toBe(b);
    expect(containerOf(live, { paragraphs: [live.indexOf(p1!), live.indexOf(p3!)], divs: [] })?.id).toBe('a');
    // One paragraph is no article: the divs decide.
    expect(containerOf(live, { paragraphs: [live.indexOf(p1!)], divs: [live.indexOf(b!)] })).toBe(b);
    expect(containerOf(live, { paragraphs: [900, 901], divs: [902] })).toBeNull();
  });

  it('a failed or refused ask finds the article as if Readability found nothing: the page body', async () => {
    const doc = page(`<div class="x"><p>${PARA.repeat(3)}</p><p>${PARA.repeat(3)}</p></div>`);
    const located = await runStepsAsync(locateSteps(doc, 'https://news.example.com/a.html', { force: true }), async () => {
      throw new Error('the offscreen document did not answer');
    });
    expect(located.article?.via).toBe('body');
    expect(located.text).toContain('智能工厂300个');
  });

  it('offers the page a turn between its phases, and finds the same article as in one go', async () => {
    const body = `<div class="x"><p>${PARA.repeat(3)}</p><p>${PARA.repeat(3)}</p></div>`;
    const order = stepsOf(locateSteps(page(body), 'https://news.example.com/a.html'));
    // A pause before the page's facts, one before the article is looked for, one before its
    // furniture is marked, one before its text is walked; the walks of a page this small offer none.
    expect(order.filter((s) => s === PAUSE).length).toBe(4);
    expect(order.indexOf('pick')).toBeGreaterThan(order.indexOf(PAUSE));
    const pick = async (request: { copy: Document }) => pickFromHtml(serializeCopy(request.copy), parsePage);
    const located = await runStepsAsync(locateSteps(page(body), 'https://news.example.com/a.html'), pick, async () => {});
    const inOneGo = runSteps(locateSteps(page(body), 'https://news.example.com/a.html'), pickWithReadability);
    expect(located.article?.via).toBe('readability');
    expect(located.text).toBe(inOneGo.text);
    expect(located.article?.via).toBe(inOneGo.article?.via);
  });
});

/** What steps yield, in order ('pause' or 'pick'), answering asks with Readability in process. */
function stepsOf<R>(steps: GeneralSteps<R>): string[] {
  const order: string[] = [];
  let next = steps.next();
  while (!next.done) {
    order.push(next.value === PAUSE ? PAUSE : 'pick');
    next = steps.next(next.value === PAUSE ? null : pickWithReadability(next.value.copy));
  }
  return order;
}

/** Steps that work `ms` milliseconds (the clock, not a timer: the runner measures the page's time) before each of `pauses` pauses. */
function* busy(pauses: number, ms: number): GeneralSteps<number> {
  for (let i = 0; i < pauses; i++) {
    const start = performance.now();
    while (performance.now() - start < ms);
    yield PAUSE;
  }
  return pauses;
}

describe('time-sliced locating (issue 13: no task over 50 ms on the page)', () => {
  const never = async () => {
    throw new Error('no ask expected');
  };

  it('gives the page a turn only once enough time has passed since the last one', async () => {
    let turns = 0;
    const turn = async () => {
      turns++;
    };
    // Quick steps: offered a thousand pauses, the page is not given a single turn.
    await runStepsAsync(busy(1000, 0), never, turn);
    expect(turns).toBe(0);
    // Steps that each work longer than a slice: a turn at every pause.
    expect(await runStepsAsync(busy(3, SLICE_MS + 5), never, turn)).toBe(3);
    expect(turns).toBe(3);
    // Steps of a quarter slice: a turn at about every fourth pause, never at every one.
    turns = 0;
    await runStepsAsync(busy(16, SLICE_MS / 4), never, turn);
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(turns).toBeLessThanOrEqual(5);
  });

  // A long article with furniture around it and a headline above it (so the furniture walk runs on
  // the headline's parent): every walk of the page is long.
  const PARAS = 6000;
  const big = () => parsePage(`<!doctype html><html><head><title>关于印发培育示范企业行动计划的通知_政府网</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/x">新闻</a></div>
    <div class="wrap"><h1>关于印发培育示范企业行动计划的通知</h1><div class="info">发布日期：2024-05-01</div>
    <div class="TRS_Editor">${Array.from({ length: PARAS }, (_, i) => `<p>第${i}条 <span>${PARA}</span></p>`).join('\n')}</div>
    <div class="related"><a href="/1">相关阅读</a></div></div></body></html>`);
  const URL_GOV = 'https://www.example.gov.cn/art/1.html';

  it('offers pauses inside the long walks of a large page, not only between its phases', () => {
    const order = stepsOf(locateSteps(big(), URL_GOV));
    const pauses = order.filter((s) => s === PAUSE).length;
    // Each of the paragraph measure, the two furniture walks and the text walk visits at least
    // one node per paragraph, and must offer a pause at least every 2048 nodes (a few ms of
    // Chromium's time: lib/page/steps.ts).
    expect(PAUSE_MASK + 1).toBeLessThanOrEqual(2048);
    expect(pauses).toBeGreaterThanOrEqual(4 + Math.floor((4 * PARAS) / 2048));
  });

  it('finds the same article on a large page whether sliced or in one go, giving the page turns', async () => {
    let turns = 0;
    const sliced = await runStepsAsync(locateSteps(big(), URL_GOV), never, async () => {
      turns++;
    });
    const inOneGo = runSteps(locateSteps(big(), URL_GOV), pickWithReadability);
    expect(sliced.article?.via).toBe('gov-cms');
    expect(sliced.text).toBe(inOneGo.text);
    expect(sliced.text).toContain(`第${PARAS - 1}条`);
    expect(sliced.text).not.toContain('相关阅读');
    // linkedom walks a page this size in far more than a slice.
    expect(turns).toBeGreaterThan(0);
  }, 60_000);

  it('locates real pages the same whether sliced (a turn at every slice) or in one go', async () => {
    const pages = folders(REAL).sort();
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const path of pages) {
      const raw = readFileSync(path, 'utf8');
      const url = pathToFileURL(path).href;
      const sliced = await runStepsAsync(locateSteps(parsePage(raw), url), async (request) => pickWithReadability(request.copy), async () => {});
      const inOneGo = runSteps(locateSteps(parsePage(raw), url), pickWithReadability);
      expect(sliced.text, path).toBe(inOneGo.text);
      expect(sliced.article?.via, path).toBe(inOneGo.article?.via);
      expect(sliced.evidence, path).toEqual(inOneGo.evidence);
      expect(sliced.map?.segments.length, path).toBe(inOneGo.map?.segments.length);
    }
  }, 120_000);
});
