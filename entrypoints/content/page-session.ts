import { askBackground } from '../../lib/ext/rpc';
import { isSiteEnabled } from '../../lib/ext/settings';
import { MAX_TEXT, type ContentReplies, type ContentRequest, type PageCapture, type PageState } from '../../lib/messages';
import { buildTextMap, rangeAt, type TextMap } from '../../lib/page/text-map';
import type { Span, Verdict } from '../../lib/types';

const HIGHLIGHT_TYPES = ['target', 'deadline', 'program'] as const;

/** Progress of the reading, on the root element for tests and tools; an attribute, never page text. */
function mark(state: 'pending' | 'ready' | 'off' | 'error'): void {
  document.documentElement.dataset.policylensState = state;
}

/** Without tracking parameters and fragment: the identity of an article for saving. */
function canonicalUrl(): string {
  const link = document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href;
  const url = new URL(link && /^https?:/.test(link) ? link : location.href);
  url.hash = '';
  return url.href;
}

/** One page's reading: find the text, ask the background to read it, draw what it found. */
export class PageSession {
  private state: PageState = { status: 'pending', capture: null };
  private map: TextMap | null = null;
  private forced = false;

  async run(): Promise<void> {
    mark('pending');
    try {
      if (!(await isSiteEnabled(location.href))) {
        this.state = { status: 'off', capture: null };
        mark('off');
        return;
      }
      const map = buildTextMap(document.body);
      this.map = map;
      const text = map.text.slice(0, MAX_TEXT);
      const reading = await askBackground({ type: 'analyzeText', text, meta: {}, force: this.forced });
      const verdict: Verdict = reading.verdict;
      const spans = reading.spans;
      this.draw(spans);
      const capture: PageCapture = {
        url: location.href, canonicalUrl: canonicalUrl(), meta: { ...reading.meta, title: document.title || undefined },
        text, verdict, spans,
      };
      this.state = { status: 'ready', capture };
      mark('ready');
      await askBackground({
        type: 'reportPage', isPolicy: verdict.isPolicy,
        targets: spans.filter((s) => s.type === 'target').length, deadlines: spans.filter((s) => s.type === 'deadline').length,
      }).catch(() => undefined);
    } catch (e) {
      mark('error');
      this.state = { status: 'ready', capture: null };
      console.warn('PolicyLens:', e);
    }
  }

  private draw(spans: readonly Span[]): void {
    if (!this.map || !('highlights' in CSS)) return;
    for (const type of HIGHLIGHT_TYPES) {
      const ranges = spans.filter((s) => s.type === type).map((s) => rangeAt(this.map!, s.start, s.end, document)).filter((r): r is Range => r !== null);
      if (ranges.length) CSS.highlights.set(`policylens-${type}`, new Highlight(...ranges));
      else CSS.highlights.delete(`policylens-${type}`);
    }
  }

  async answer(request: ContentRequest): Promise<ContentReplies[ContentRequest['type']]> {
    switch (request.type) {
      case 'getPageState':
        return this.state;
      case 'annotateAnyway':
        this.forced = true;
        await this.run();
        return this.state;
      case 'scrollToSpan':
        return { scrolled: false };
    }
  }
}
