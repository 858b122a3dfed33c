import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backgroundRequestSchema, isOwnPage, isOwnSender, pageCaptureSchema, parseContentRequest, parseRequest } from '../../lib/messages';
import { MAX_TEXT, type PageCapture } from '../../lib/types';

const capture: PageCapture = {
  url: 'https://www.shanxi.gov.cn/a.html', canonicalUrl: 'https://www.shanxi.gov.cn/a.html', meta: { title: '通知', region: '山西' },
  text: '到2027年培育企业20户', verdict: { isPolicy: true, score: 0.9, reasons: ['含发文字号'] },
  spans: [{ type: 'deadline', start: 0, end: 6, text: '到2027年', value: { kind: 'by', end: '2027-12-31', resolved: true } }],
};

const evidence = {
  url: 'https://www.shanxi.gov.cn/a.html', title: '通知', site: null, metaDates: [], markupDates: [], issuer: null, column: null,
  infoText: '', hostRegion: '山西', govHost: true, govTemplate: false, fictionNav: false,
};

describe('message protocol', () => {
  it('accepts well-formed requests', () => {
    expect(parseRequest(backgroundRequestSchema, { type: 'readPage', text: '到2027年', evidence }).ok).toBe(true);
    expect(parseRequest(backgroundRequestSchema, { type: 'saveArticle', page: capture }).ok).toBe(true);
    expect(parseContentRequest({ type: 'scrollToSpan', index: 3 })).toEqual({ ok: true, data: { type: 'scrollToSpan', index: 3 } });
    expect(parseContentRequest({ type: 'stepHighlight', direction: -1 })).toEqual({ ok: true, data: { type: 'stepHighlight', direction: -1 } });
    expect(parseContentRequest({ type: 'dismissSpan', index: 0 }).ok).toBe(true);
    expect(parseContentRequest({ type: 'reattachAnnotation', id: 'a1' }).ok).toBe(true);
    expect(parseContentRequest({ type: 'removeAnnotation', id: 'a1' }).ok).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'dropDatabase' }],
    ['a missing field', { type: 'readPage', evidence }],
    ['a text over the limit', { type: 'readPage', text: 'x'.repeat(MAX_TEXT + 1), evidence }],
    ['page evidence with a wrong type', { type: 'readPage', text: 'x', evidence: { ...evidence, govHost: 'yes' } }],
    ['page evidence over its size', { type: 'readPage', text: 'x', evidence: { ...evidence, infoText: 'x'.repeat(12_001) } }],
    ['a javascript: URL', { type: 'saveArticle', page: { ...capture, url: 'javascript:alert(1)' } }],
    ['a span of an unknown type', { type: 'saveArticle', page: { ...capture, spans: [{ ...capture.spans[0], type: 'script' }] } }],
    ['a negative offset', { type: 'saveArticle', page: { ...capture, spans: [{ ...capture.spans[0], start: -1 }] } }],
    ['a bad date', { type: 'saveArticle', page: { ...capture, meta: { publishedAt: '2024/01/01' } } }],
    ['not an object', 'saveArticle'],
  ])('rejects %s with a readable error', (_what, raw) => {
    const r = parseRequest(backgroundRequestSchema, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid message: /);
  });

  it.each([
    ['not an object', 'scrollToSpan'],
    ['an unknown type', { type: 'eval' }],
    ['a prototype key as type', { type: 'constructor' }],
    ['a missing field', { type: 'scrollToSpan' }],
    ['a negative index', { type: 'scrollToSpan', index: -1 }],
    ['a fractional index', { type: 'scrollToSpan', index: 1.5 }],
    ['an id over its size', { type: 'scrollToAnnotation', id: 'x'.repeat(101) }],
    ['a step that is not ±1', { type: 'stepHighlight', direction: 2 }],
    ['a step given as text', { type: 'stepHighlight', direction: '1' }],
    ['a removal without an id', { type: 'removeAnnotation' }],
    ['a dismissal with a negative index', { type: 'dismissSpan', index: -1 }],
  ])('refuses a content request that is %s, with a readable error', (_what, raw) => {
    const r = parseContentRequest(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid message: /);
  });

  it('passes a content request on without fields it does not know', () => {
    expect(parseContentRequest({ type: 'refresh', extra: 1 })).toEqual({ ok: true, data: { type: 'refresh' } });
  });

  it('drops fields it does not know instead of passing them on', () => {
    const r = parseRequest(backgroundRequestSchema, { type: 'getArticleByUrl', url: 'https://a.cn/', __proto__: { admin: true }, extra: 1 });
    expect(r.ok && 'extra' in r.data).toBe(false);
  });

  it('trusts only its own extension', () => {
    expect(isOwnSender({ id: 'ours' }, 'ours')).toBe(true);
    expect(isOwnSender({ id: 'other', url: 'chrome-extension://other/x.html' }, 'ours')).toBe(false);
    expect(isOwnSender({ url: 'https://evil.example/' }, 'ours')).toBe(false);
  });

  it('tells our pages (even in a tab) from content scripts', () => {
    const origin = 'chrome-extension://ours/';
    expect(isOwnPage({ id: 'ours', url: 'chrome-extension://ours/dashboard.html', tab: { id: 3 } }, origin)).toBe(true);
    expect(isOwnPage({ id: 'ours', url: 'https://news.example/a.html', tab: { id: 3 } }, origin)).toBe(false);
    expect(isOwnPage({ id: 'ours', url: 'chrome-extension://oursx/popup.html' }, origin)).toBe(false);
  });

  it('carries the domain types unchanged', () => {
    expect(pageCaptureSchema.parse(capture)).toEqual(capture);
  });

  it('holds wire schemas only: corpus, export and db code is imported for its types, never run', () => {
    for (const file of ['index.ts', 'wire.ts', 'content.ts', 'trust.ts']) {
      const source = readFileSync(join(__dirname, '../../lib/messages', file), 'utf8');
      const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)].map((m) => ({ typeOnly: !!m[1], from: m[2]! }));
      // The content script's part is checked without a schema library (content.ts says why).
      if (file === 'index.ts' || file === 'wire.ts') expect(imports.map((i) => i.from), file).toContain('zod/mini');
      else expect(imports.map((i) => i.from), file).not.toContain('zod/mini');
      for (const i of imports) if (/\/(?:corpus|export|db|background|detect|engine|verdict)\b/.test(i.from)) expect(i, `${file}: ${i.from}`).toMatchObject({ typeOnly: true });
    }
  });
});
