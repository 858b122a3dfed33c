import { withoutPlainHash } from '../../lib/url';
import { askBackground } from '../../lib/ext/rpc';
import { isSiteEnabled } from '../../lib/ext/settings';
import type { ContentReplies, ContentRequest } from '../../lib/messages';
import { MAX_COPY_HTML, MAX_TEXT, type ManualAnnotation, type PageAnnotation, type PageCapture, type PageState } from '../../lib/types';
import { locatePageAsync, type Located } from '../../lib/detect/locate';
import { isPickedBlocks, serializeCopy, type GeneralRequest, type PickedBlocks } from '../../lib/detect/general';
import { gateVerdict } from '../../lib/detect/gate-verdict';
import { buildTextMap, type TextMap } from '../../lib/page/text-map';
import { Highlighter, yieldToPage, type DrawSpan } from '../../lib/page/highlighter';
import type { ColourChoice } from '../../lib/palette';
import { selectedSpan } from '../../lib/page/selection';
import { pageTextMap } from '../../lib/page/page-text';
import { describeSpan } from '../../lib/anchor';
import { placeAnnotations, sameSpan, spansToDraw, type DrawItem } from '../../lib/anchor/place';
import type { AnnotationRecord } from '../../lib/db/schema';
import type { Span } from '../../lib/types';
import { isNavigation } from '../../lib/page/watch';
import { PageUi } from './page-ui';

/** Progress of the reading, on the root element for tests and tools; an attribute, never page text. */
function mark(state: 'pending' | 'ready' | 'off' | 'error'): void {
  document.documentElement.dataset.policylensState = state;
}

/**
 * `wxt build --mode fallback` draws by wrapping text in marks, as in a browser without
 * CSS.highlights: how the wrapping highlighter is run in a real browser (tests/e2e/fallback-highlighter).
 */
const HIGHLIGHT_MODE = import.meta.env.MODE === 'fallback' ? 'wrap' : 'auto';

/** How long a single-page navigation waits for the new article before reading what is there. */
const NAV_WAIT_MS = 3000;

/** A failed save is tried again after this, doubling up to the cap (the worker restarts, space frees up). */
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 60_000;

/** What the reader asked of a drawn item. */
export type ItemChange = { note?: string; dismiss?: boolean; remove?: boolean };

/** A change waiting to be sent, with the page it was made on and its annotation when already saved. */
interface QueuedChange {
  itemId: string;
  annotationId: string | null;
  capture: PageCapture | null;
  change: ItemChange;
}


/** <link rel=canonical> when it is a real http(s) URL, without a plain #anchor; null when there is none. */
function canonicalLink(): string | null {
  const link = document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href;
  return link && /^https?:\/\//.test(link) ? withoutPlainHash(link) : null;
}

/** What the background needs to trust an address: the text only when the address is not the page's own. */
function pageClaim(canonicalUrl: string, text: string, pageUrl = location.href): { url: string; canonicalUrl: string; text?: string } {
  return canonicalUrl === withoutPlainHash(pageUrl) ? { url: pageUrl, canonicalUrl } : { url: pageUrl, canonicalUrl, text };
}

/**
 * One page's reading: detect the article, ask the background to read its text, re-anchor what
 * the reader saved here before, and draw it all. Every run replaces the previous one; a run made
 * stale by a navigation or a newer run stops at its next await.
 */
/**
 * Readability runs in the extension, not in the page (lib/detect/general.ts): the copy of the
 * page's running text goes to the background, which answers with the blocks Readability kept.
 * A copy too large for a message, or an answer not in shape, finds nothing (the article is then
 * the page's body, as when Readability finds nothing).
 */
async function pickInExtension(request: GeneralRequest): Promise<PickedBlocks | null> {
  // Copying the region and serialising it each take a while on a long page: two tasks, not one.
  await yieldToPage();
  const html = serializeCopy(request.copy);
  if (html.length > MAX_COPY_HTML) return null;
  const picked = await askBackground({ type: 'pickArticle', html });
  return isPickedBlocks(picked) ? picked : null;
}

export class PageSession {
  private state: PageState = { status: 'pending', capture: null };
  private forced = false;
  private generation = 0;
  private map: TextMap | null = null;
  private detection: Located | null = null;
  private highlighter: Highlighter | null = null;
  private items: DrawItem<Span>[] = [];
  private saved: AnnotationRecord[] = [];
  private savedId: string | null = null;
  private orphans = new Set<string>();
  /** The article text last read, and the page's text length then: what a content change is compared with. */
  private readText = '';
  private bodyLength = 0;
  /** The URL the last detection was made for. */
  private readUrl = '';
  /** Where and on which text the current canonical link was first seen (see canonicalUrl). */
  private linkSeen: { link: string; url: string; text: string } | null = null;
  /** After a single-page navigation, the timer that reads the page even if no new article arrived. */
  private navWait: ReturnType<typeof setTimeout> | undefined;
  /**
   * What the reader made that the library has not taken yet (a save refused for quota, the worker
   * gone): highlights stay drawn, changes stay queued, and both are sent again until they land.
   */
  private unsaved: ManualAnnotation[] = [];
  /** The page the unsaved highlights were made on: a single-page site may move on before they land. */
  private unsavedCapture: PageCapture | null = null;
  private unsavedChanges: QueuedChange[] = [];
  private saveWanted = false;
  private flushing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = RETRY_FIRST_MS;
  readonly ui = new PageUi(this);

  /** Current state for the popup. */
  pageState(): PageState {
    return this.state;
  }

  /** The map as the DOM is now: in the fallback mode drawing splits text nodes. */
  get textMap(): TextMap | null {
    return this.map ? this.highlighter?.textMap() ?? this.map : null;
  }

  get articleContainer(): Element | null {
    return this.detection?.article?.container ?? null;
  }

  /**
   * Where the page watcher listens: the article that was read, or the whole body when there is
   * none, when it has left the page (a single-page site replaced it) or when the URL moved on
   * since it was read (the next article has yet to arrive, possibly in a new element).
   */
  get watchRoot(): Node | null {
    const container = this.articleContainer;
    // isNavigation: a #section jump is the same article, a #/route is another one.
    if (container?.isConnected && !isNavigation(this.readUrl, location.href)) return container;
    return document.body;
  }

  /** The draw item under a DOM position, with what the card needs to show it. */
  itemAt(x: number, y: number): { item: DrawItem<Span>; range: Range | null } | null {
    const hit = this.highlighter?.spanAt(x, y);
    if (!hit) return null;
    const item = this.items.find((i) => i.id === hit.id);
    return item ? { item, range: this.highlighter!.rangeOf(hit.id) } : null;
  }

  savedAnnotation(id: string): AnnotationRecord | undefined {
    return this.saved.find((a) => a.id === id);
  }

  /** Captures with their page-text map, made once per capture (lib/page/page-text, for exports). */
  private withMaps = new WeakMap<PageCapture, PageCapture>();

  /**
   * The capture as saved and exported: with where its text sits in the page's own text. Only for
   * the capture of the page as it is now (an older one may describe a page that has moved on).
   */
  private withPageMap(capture: PageCapture | null): PageCapture | null {
    const map = this.textMap;
    if (!capture || capture !== this.state.capture || !map || !document.body || !map.text.startsWith(capture.text)) return capture;
    let full = this.withMaps.get(capture);
    if (!full) {
      const pageMap = pageTextMap(map, document.body);
      full = pageMap ? { ...capture, pageMap } : capture;
      this.withMaps.set(capture, full);
    }
    return full;
  }

  // ——— for the in-page UI (page-ui.ts): keyboard travel, colours, the popup's lists ———

  /** Drawn items in reading order, for next/previous highlight. */
  itemsInOrder(): DrawItem<Span>[] {
    const drawn = this.highlighter;
    return this.items.filter((i) => drawn?.get(i.id)).sort((a, b) => a.start - b.start || a.end - b.end);
  }

  rangeOf(id: string): Range | null {
    return this.highlighter?.rangeOf(id) ?? null;
  }

  /** Scroll a highlight into view and flash it. */
  reveal(id: string): boolean {
    return this.scrollTo(id).scrolled;
  }

  /** The scheme the highlights are drawn in (the legend matches it). */
  scheme(): 'light' | 'dark' | 'auto' {
    return this.highlighter?.scheme() ?? 'auto';
  }

  setColours(colours: ColourChoice): void {
    this.highlighter?.setColours(colours);
  }

  /** Was this page's article saved before the reader's last action? (Saving it for them is said aloud.) */
  private get articleSaved(): boolean {
    return !!this.savedId;
  }

  /** The popup's "not a target": the n-th span of the capture, dismissed as from its card. */
  async dismissSpan(index: number): Promise<{ dismissed: boolean }> {
    const span = this.state.capture?.spans[index];
    const item = span && this.items.find((i) => i.start === span.start && i.end === span.end && i.type === span.type);
    if (!item) return { dismissed: false };
    await this.changeItem(item.id, { dismiss: true });
    return { dismissed: true };
  }

  /**
   * An orphan (its text not found on the page again) attached to what the reader selected: a new
   * highlight there with the orphan's note and tags, then the orphan removed.
   */
  async reattach(id: string): Promise<{ reattached: boolean }> {
    const orphan = this.savedAnnotation(id);
    const map = this.textMap;
    const picked = map ? selectedSpan(document.getSelection(), map) : null;
    if (!orphan || !picked) return { reattached: false };
    document.getSelection()?.removeAllRanges();
    await this.addHighlight(picked.start, picked.end, orphan.note ?? '', orphan.tags);
    await this.changeItem(id, { remove: true });
    return { reattached: true };
  }

  async run(): Promise<void> {
    const gen = ++this.generation;
    const stale = () => gen !== this.generation;
    clearTimeout(this.navWait);
    this.navWait = undefined;
    mark('pending');
    this.state = { ...this.state, status: 'pending' };
    try {
      if (!(await isSiteEnabled(location.href))) {
        this.clear();
        this.state = { status: 'off', capture: null };
        mark('off');
        return;
      }
      // Find the article on the page; the verdict, the metadata and the reading are worked out in
      // the background (lib/detect/page-reading.ts), the same function the CLI runs.
      const located = await locatePageAsync(document, location.href, { force: this.forced }, pickInExtension, yieldToPage);
      if (stale()) return;
      this.detection = located;
      this.readUrl = location.href;
      // The locator already walked the article into a text map: reuse it, the page is not walked twice.
      const map = located.map;
      const text = located.text;
      this.readText = text;
      this.bodyLength = document.body?.textContent?.length ?? 0;
      const titleMeta = { ...(located.evidence.title ? { title: located.evidence.title } : {}), ...(located.evidence.site ? { site: located.evidence.site } : {}) };
      const base = { url: location.href, canonicalUrl: this.canonicalUrl(text), meta: titleMeta, text, verdict: gateVerdict(located.gate.reason) };
      const notPolicy = async (): Promise<void> => {
        // Not a policy article: nothing is drawn, but the popup can say why and offer "annotate anyway".
        this.clear();
        this.state = { status: 'ready', capture: { ...base, spans: [] }, annotations: [], savedId: null };
        mark('ready');
        await this.report(false, 0, 0);
      };
      if (!map) {
        await notPolicy();
        return;
      }
      // Locating and sending the text each hold the main thread on a long page: give the page a
      // turn between them, so they are two short tasks rather than one long one.
      await yieldToPage();
      if (stale()) return;
      const reading = await askBackground({ type: 'readPage', text, evidence: located.evidence, force: this.forced });
      if (stale()) return;
      base.verdict = reading.verdict;
      base.meta = reading.meta;
      if (!reading.verdict.isPolicy && !this.forced) {
        await notPolicy();
        return;
      }
      // The background decides which address this page is filed under (its canonical link only
      // when consistent with it) and sends only that article's annotations.
      const found = await askBackground({ type: 'getSavedAnnotations', page: pageClaim(base.canonicalUrl, text) }).catch(() => null);
      if (stale()) return;
      if (found) base.canonicalUrl = found.address;
      const savedSet = found?.saved ?? null;
      this.map = map;
      this.saved = savedSet?.annotations ?? [];
      this.savedId = savedSet?.articleId ?? null;
      const placement = placeAnnotations(text, this.saved);
      this.orphans = new Set(placement.orphans.map((a) => a.id));
      this.items = [...spansToDraw(reading.spans, placement.placed), ...this.unsavedItems(text)];
      this.highlighter ??= new Highlighter(map, { mutate: this.ui.ignoreMutations, mode: HIGHLIGHT_MODE, colours: this.ui.colourChoice });
      this.highlighter.setMap(map);
      await this.highlighter.drawChunked(this.items.map((i): DrawSpan => ({ id: i.id, type: i.type, start: i.start, end: i.end })));
      if (stale()) return;
      // What the reader said is not a target (or deadline, program) stays out of lists and saves.
      const dismissed = placement.placed.filter((p) => p.annotation.dismissed).map((p) => ({ type: p.annotation.type, ...p.match }));
      const spans = reading.spans.filter((s) => !dismissed.some((d) => sameSpan(s, d)));
      const capture: PageCapture = { ...base, meta: reading.meta, spans };
      this.state = { status: 'ready', capture, annotations: this.pageAnnotations(), savedId: this.savedId };
      mark('ready');
      this.ui.showLegend(this.counts());
      const counts = this.counts();
      await this.report(true, counts.target ?? 0, counts.deadline ?? 0);
    } catch (e) {
      if (stale()) return;
      mark('error');
      this.state = { status: 'ready', capture: null };
      console.warn('PolicyLens:', e);
    }
  }

  /**
   * The address this article is saved under: its canonical link, else this URL (the background
   * strips tracking parameters). A single-page site that moved to another article but left the
   * previous one's canonical link in the head would file the new article under the old one (its
   * saved highlights shown as orphans here, a save overwriting it): a link still pointing where it
   * pointed on another URL with another text is not believed.
   */
  private canonicalUrl(text: string): string {
    const here = withoutPlainHash(location.href);
    const link = canonicalLink();
    if (!link) return here;
    const seen = this.linkSeen;
    if (!seen || seen.link !== link) {
      this.linkSeen = { link, url: location.href, text };
      return link;
    }
    return isNavigation(seen.url, location.href) && seen.text !== text ? here : link;
  }

  /** The reader's highlights not saved yet, placed on the text as saved ones are. */
  private unsavedItems(text: string): DrawItem<Span>[] {
    // Drawn only on the page they were made on.
    if (!this.unsaved.length || (this.unsavedCapture && this.unsavedCapture.url !== location.href)) return [];
    const drafts = this.unsaved.map((m, i) => ({ id: `unsaved:${i}`, type: 'highlight' as const, selectors: m.selectors }));
    return placeAnnotations(text, drafts).placed.map((p) => ({ id: p.annotation.id, type: 'highlight', start: p.match.start, end: p.match.end }));
  }

  /** How many things the reader made are waiting to be saved. */
  get unsavedCount(): number {
    return this.unsaved.length + this.unsavedChanges.length;
  }

  private counts(): Partial<Record<DrawItem<Span>['type'], number>> {
    const c: Partial<Record<DrawItem<Span>['type'], number>> = {};
    for (const i of this.items) c[i.type] = (c[i.type] ?? 0) + 1;
    return c;
  }

  private pageAnnotations(): PageAnnotation[] {
    const saved = this.saved
      .filter((a) => a.origin === 'manual' || a.note)
      .map((a): PageAnnotation => ({
        id: a.id, type: a.type, text: a.text, tags: a.tags, orphan: this.orphans.has(a.id),
        ...(a.note ? { note: a.note } : {}),
        ...(a.author ? { author: a.author } : {}),
        ...(a.note && a.noteBy ? { noteBy: a.noteBy } : {}),
      }));
    // What the reader made and the library has not taken yet is theirs all the same.
    const drawn = new Set(this.items.map((i) => i.id));
    const unsaved = this.unsaved.map((m, i): PageAnnotation => ({
      id: `unsaved:${i}`, type: 'highlight', text: m.text, tags: m.tags, orphan: !drawn.has(`unsaved:${i}`),
      ...(m.note ? { note: m.note } : {}),
    }));
    return [...saved, ...unsaved];
  }

  private async report(isPolicy: boolean, targets: number, deadlines: number): Promise<void> {
    await askBackground({ type: 'reportPage', isPolicy, targets, deadlines }).catch(() => undefined);
  }

  /** Take everything off the page (navigation away, site turned off). */
  clear(): void {
    this.highlighter?.clear();
    this.ui.hideAll();
    this.items = [];
    this.saved = [];
    this.map = null;
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.navWait);
    this.navWait = undefined;
    this.highlighter?.destroy();
    this.ui.destroy();
  }

  /**
   * The watched part of the page changed. Read again only when the article's text is different
   * (late content, an edit), not for every ticker or advert refresh; a page that was not an
   * article before may have become one, so then the whole detection runs again.
   */
  async contentChanged(): Promise<void> {
    const article = this.detection?.article;
    if (article?.container.isConnected) {
      if (this.articleText(article) === this.readText) return;
    } else if (!article) {
      // No article found: look again only when the page has grown a lot (content arriving late).
      const length = document.body?.textContent?.length ?? 0;
      if (length < this.bodyLength * 1.2 + 200) return;
    }
    await this.run();
  }

  /**
   * A navigation to another article: forget the forced flag of the previous one and take its
   * highlights off. Single-page sites change the URL first and render the next article a moment
   * later: while the page still shows the text already read, wait for it to change (the watcher
   * calls contentChanged) rather than read the old article again under the new URL, where a save
   * would file it under the wrong address; after NAV_WAIT_MS read whatever is there.
   */
  async navigated(): Promise<void> {
    this.forced = false;
    this.generation++;
    this.clear();
    this.state = { status: 'pending', capture: null };
    mark('pending');
    const article = this.detection?.article;
    if (this.readText && article?.container.isConnected && this.articleText(article) === this.readText) {
      clearTimeout(this.navWait);
      this.navWait = setTimeout(() => void this.run(), NAV_WAIT_MS);
      return;
    }
    await this.run();
  }

  private articleText(article: NonNullable<Located['article']>): string {
    return buildTextMap(article.container, { exclude: article.exclude }).text.slice(0, MAX_TEXT);
  }

  /** Save the article (the card's 保存), then read the page again to show the saved state. */
  async save(): Promise<void> {
    this.saveWanted = true;
    await this.flush();
  }

  /**
   * The reader highlighted [start, end) of the article text. Drawn at once; if the save fails it
   * stays drawn as unsaved, the reader is told, and it is sent again until it lands.
   */
  async addHighlight(start: number, end: number, note: string, tags: string[]): Promise<void> {
    const text = this.map?.text;
    if (!text) return;
    const selectors = describeSpan(text, start, end);
    if (!this.unsaved.length) this.unsavedCapture = this.state.capture;
    this.unsaved.push({ text: text.slice(start, end), selectors, tags, ...(note ? { note } : {}) });
    this.items = [...this.items, ...this.unsavedItems(text).slice(-1)];
    if (this.state.status === 'ready' && this.state.capture) this.state = { ...this.state, annotations: this.pageAnnotations() };
    await this.highlighter?.drawChunked(this.items.map((i): DrawSpan => ({ id: i.id, type: i.type, start: i.start, end: i.end })));
    await this.flush();
  }

  /** Note, dismissal or deletion on a drawn item: queued, then sent (an engine span not yet saved is saved first). */
  async changeItem(id: string, change: ItemChange): Promise<void> {
    const annotationId = this.items.find((i) => i.id === id)?.annotation?.id ?? (this.savedAnnotation(id) ? id : null);
    this.unsavedChanges.push({ itemId: id, annotationId, capture: this.state.capture, change });
    await this.flush();
  }

  /**
   * Send what is waiting: the article with the reader's new highlights, then each change in
   * order. Whatever fails stays queued and drawn; the page says so and tries again later.
   */
  flush(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    // One flush at a time; a request made meanwhile is picked up by a second pass.
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = null;
      if (this.unsavedCount && this.retryTimer === undefined) void this.flush();
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    try {
      if (this.unsaved.length) {
        const capture = this.unsavedCapture ?? this.state.capture;
        if (!capture) throw new Error('nothing to save on this page');
        const manual = [...this.unsaved];
        const implicit = !this.articleSaved && !this.saveWanted;
        await askBackground({ type: 'saveArticle', page: this.withPageMap(capture)!, manual });
        if (implicit) this.ui.showArticleSaved();
        this.unsaved = this.unsaved.slice(manual.length);
        if (capture === this.state.capture) this.saveWanted = false;
        await this.run();
      }
      if (this.saveWanted) {
        const capture = this.state.capture;
        if (capture) await askBackground({ type: 'saveArticle', page: this.withPageMap(capture)!, manual: [] });
        this.saveWanted = false;
        await this.run();
      }
      while (this.unsavedChanges.length) {
        await this.applyChange(this.unsavedChanges[0]!);
        this.unsavedChanges.shift();
      }
      this.retryDelay = RETRY_FIRST_MS;
      this.ui.showSaveProblem(null);
    } catch (e) {
      console.warn('PolicyLens:', e);
      this.ui.showSaveProblem({ unsaved: Math.max(1, this.unsavedCount), message: e instanceof Error ? e.message : String(e) });
      this.retryTimer = setTimeout(() => void this.flush(), this.retryDelay);
      this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    }
  }

  private async applyChange(queued: QueuedChange): Promise<void> {
    const { itemId: id, change } = queued;
    let annotationId = queued.annotationId ?? this.items.find((i) => i.id === id)?.annotation?.id ?? (this.savedAnnotation(id) ? id : null);
    if (!annotationId) {
      // An engine span not saved yet: saved with its page first, which must still be this one.
      const item = this.items.find((i) => i.id === id);
      const capture = this.state.capture;
      if (!item || !capture || capture.url !== queued.capture?.url) {
        console.warn('PolicyLens: the page changed before an unsaved item could be saved');
        return;
      }
      await askBackground({ type: 'saveArticle', page: this.withPageMap(capture)!, manual: [] });
      this.ui.showArticleSaved();
      await this.run();
      // After saving, the engine span is a saved annotation at the same place.
      annotationId = this.items.find((i) => i.type === item.type && i.start === item.start && i.end === item.end)?.annotation?.id ?? null;
      if (!annotationId) throw new Error('the saved annotation could not be found again');
    }
    const capture = queued.capture ?? this.state.capture;
    const page = capture ? pageClaim(capture.canonicalUrl, capture.text, capture.url) : undefined;
    if (change.remove) await askBackground({ type: 'deleteAnnotation', id: annotationId, ...(page ? { page } : {}) });
    else await askBackground({
      type: 'updateAnnotation', id: annotationId, ...(page ? { page } : {}),
      ...(change.note !== undefined ? { note: change.note || null } : {}),
      ...(change.dismiss ? { dismissed: true } : {}),
    });
    await this.run();
  }

  private scrollTo(id: string | undefined): { scrolled: boolean } {
    if (!id || !this.highlighter) return { scrolled: false };
    const scrolled = this.highlighter.scrollTo(id);
    if (scrolled) this.highlighter.flash(id);
    return { scrolled };
  }

  /** The state as the popup gets it: the capture with its page-text map; the address when switched off (to switch back on). */
  private stateForPopup(): PageState {
    if (this.state.status === 'off') return { ...this.state, url: location.href };
    return this.state.capture ? { ...this.state, capture: this.withPageMap(this.state.capture) } : this.state;
  }

  async answer(request: ContentRequest): Promise<ContentReplies[ContentRequest['type']]> {
    switch (request.type) {
      case 'getPageState':
        return this.stateForPopup();
      case 'annotateAnyway':
        this.forced = true;
        await this.run();
        return this.stateForPopup();
      case 'refresh':
        await this.run();
        return this.stateForPopup();
      case 'scrollToSpan': {
        const span = this.state.capture?.spans[request.index];
        const item = span && this.items.find((i) => i.start === span.start && i.end === span.end && i.type === span.type);
        return this.scrollTo(item?.id);
      }
      case 'scrollToAnnotation':
        return this.scrollTo(this.items.find((i) => i.annotation?.id === request.id)?.id);
      case 'highlightSelection':
        return { opened: this.ui.openToolbarForSelection(true) };
      case 'stepHighlight':
        return { opened: this.ui.step(request.direction) };
      case 'dismissSpan':
        return this.dismissSpan(request.index);
      case 'reattachAnnotation':
        return this.reattach(request.id);
      case 'removeAnnotation':
        await this.changeItem(request.id, { remove: true });
        return { removed: this.unsavedChanges.length === 0 };
    }
  }
}
