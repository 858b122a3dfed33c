import { createCardHost, type AnchorBox, type CardHost } from '../../lib/page/card-host';
import { selectedSpan, selectionRect } from '../../lib/page/selection';
import { todayIso } from '../../lib/format/date';
import { watchPage, type PageWatch } from '../../lib/page/watch';
import type { PageSession } from './page-session';
import { makePageTranslate, resolveLocale, type PageTranslate } from '../../lib/i18n/page';
import { paletteOf, type ColourChoice } from '../../lib/palette';
import { readPreferences, watchPreferences } from '../../lib/ext/settings';
import { pageShortcut, type PageShortcut } from '../../lib/page/keys';
import type { DrawItem } from '../../lib/anchor/place';
import type { Span } from '../../lib/types';

const HOVER_DWELL_MS = 450;

function boxOf(rect: DOMRect | null | undefined): AnchorBox | null {
  return rect ? { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom } : null;
}

/** Is the keyboard in something the reader types into (the page's own fields)? */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable || !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

/**
 * The reader's side of the page: the card over a highlight, the toolbar over a selection, the
 * legend, and the watcher that re-reads single-page sites. All of it lives in one closed shadow
 * root (lib/page/card-host) and is created only on pages where there is something to show. It
 * speaks the reader's language and draws in the reader's colours (options page), and it can be
 * worked from the keyboard: the shortcuts of lib/page/keys move from highlight to highlight and
 * open the toolbar; Escape closes whatever is open.
 */
export class PageUi {
  private host: CardHost | null = null;
  private watch: PageWatch | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: [string, EventListener][] = [];
  private unwatchPrefs: (() => void) | null = null;
  private t: PageTranslate = makePageTranslate(resolveLocale('auto', navigator.languages));
  private colours: ColourChoice = {};
  private legendCounts: Parameters<CardHost['showLegend']>[0]['counts'] | null = null;
  /** Where next/previous last went (an item id), so the next press continues from there. */
  private cursor: string | null = null;
  /** Each toolbar is a fresh one: a toolbar opened on a mouse selection must not keep its state. */
  private toolbarSerial = 0;
  /** The toolbar showing was opened for a note (shortcut, context menu). */
  private toolbarExpanded = false;

  constructor(private readonly session: PageSession) {}

  /** Our own DOM changes (fallback marks, styles) must not count as the page changing. */
  readonly ignoreMutations = <T>(fn: () => T): T => (this.watch ? this.watch.ignore(fn) : fn());

  /** The reader's colours, for the highlighter. */
  get colourChoice(): ColourChoice {
    return this.colours;
  }

  start(): void {
    this.watch = watchPage({
      onNavigate: () => void this.session.navigated(),
      onContentChanged: () => void this.session.contentChanged(),
      root: () => this.session.watchRoot,
    });
    this.on('click', (e) => this.onClick(e as MouseEvent));
    this.on('mousemove', (e) => this.onMove(e as MouseEvent));
    this.on('mouseup', (e) => {
      // A right click opens the context menu over the selection: the toolbar waits for its command.
      if (this.host?.contains(e) || (e as MouseEvent).button !== 0) return;
      // After the browser has settled the selection; a toolbar the reader already opened for a note stays.
      setTimeout(() => {
        if (!(this.host?.openKind() === 'toolbar' && this.toolbarExpanded)) this.openToolbarForSelection(false);
      }, 0);
    });
    this.on('keydown', (e) => this.onKey(e as KeyboardEvent));
    void readPreferences().then((p) => this.usePreferences(p.language, p.colours));
    this.unwatchPrefs = watchPreferences((p) => this.usePreferences(p.language, p.colours));
  }

  private usePreferences(language: unknown, colours: ColourChoice): void {
    this.t = makePageTranslate(resolveLocale(language, navigator.languages));
    this.colours = colours;
    this.session.setColours(colours);
    this.host?.setColours(colours);
    if (this.legendCounts) this.showLegend(this.legendCounts);
  }

  private on(type: string, fn: EventListener): void {
    document.addEventListener(type, fn, true);
    this.listeners.push([type, fn]);
  }

  private ensureHost(): CardHost {
    if (!this.host) {
      this.host = createCardHost();
      this.host.setColours(this.colours);
    }
    return this.host;
  }

  /**
   * The page's keys. The browser's commands (manifest) take these same keys first where they are
   * bound; they reach the page when the browser leaves them to it (a headless or kiosk browser, a
   * shortcut the reader unbound), and Escape is always the page's.
   */
  private onKey(e: KeyboardEvent): void {
    if (this.host?.contains(e)) return;
    if (e.key === 'Escape' && this.host?.isOpen()) {
      this.hideFloating();
      return;
    }
    const action: PageShortcut | null = pageShortcut(e);
    if (!action || typing(e.target)) return;
    e.preventDefault();
    e.stopPropagation();
    if (action === 'highlight') this.openToolbarForSelection(true);
    else this.step(action === 'next' ? 1 : -1);
  }

  private onMove(e: MouseEvent): void {
    clearTimeout(this.hoverTimer);
    if (this.host?.isOpen() || this.host?.contains(e)) return;
    const { clientX, clientY } = e;
    this.hoverTimer = setTimeout(() => this.openCardAt(clientX, clientY, false), HOVER_DWELL_MS);
  }

  private onClick(e: MouseEvent): void {
    if (this.host?.contains(e)) return;
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    this.openCardAt(e.clientX, e.clientY, true);
  }

  private openCardAt(x: number, y: number, focus: boolean): void {
    const hit = this.session.itemAt(x, y);
    if (!hit) return;
    const { item, range } = hit;
    const at = boxOf(range?.getBoundingClientRect()) ?? { left: x, top: y, right: x, bottom: y };
    this.showCardFor(item, range, at, { focus });
  }

  private showCardFor(item: DrawItem<Span>, range: Range | null, at: AnchorBox, opts: { focus: boolean; position?: { i: number; n: number } }): void {
    const saved = item.annotation ? this.session.savedAnnotation(item.annotation.id) : undefined;
    const fail = (e: unknown) => console.warn('PolicyLens:', e);
    const act = (change: Parameters<PageSession['changeItem']>[1]) => () => {
      this.hideFloating();
      this.session.changeItem(item.id, change).catch(fail);
    };
    this.cursor = item.id;
    this.ensureHost().showCard(
      {
        type: item.type,
        text: range?.toString() ?? saved?.text ?? '',
        value: item.span?.value ?? saved?.value,
        today: todayIso(),
        ...(saved?.note ? { note: saved.note } : {}),
        tags: saved?.tags ?? [],
        saved: !!saved,
        onSave: () => {
          this.hideFloating();
          this.session.save().catch(fail);
        },
        onNote: (note) => act({ note })(),
        ...(item.type !== 'highlight' ? { onDismiss: act({ dismiss: true }) } : {}),
        ...(saved?.origin === 'manual' ? { onDelete: act({ remove: true }) } : {}),
        onClose: () => this.hideFloating(),
        ...(opts.position ? { position: opts.position } : {}),
        onStep: (direction) => this.step(direction),
        t: this.t,
      },
      at,
      item.id,
      { focus: opts.focus },
    );
  }

  /**
   * Next (+1) or previous (-1) highlight in reading order, from the last one visited, else from
   * the top of the view: scrolled to, flashed, and its card opened with the focus in it.
   */
  step(direction: 1 | -1): boolean {
    const order = this.session.itemsInOrder();
    if (!order.length) {
      this.ensureHost().showNotice(this.t('nav.none'), { kind: 'info', closeLabel: this.t('notice.close') });
      return false;
    }
    let index = this.cursor ? order.findIndex((i) => i.id === this.cursor) : -1;
    if (index < 0) {
      // From the view: the first highlight below its top going forward, the last above it going back.
      const tops = order.map((i) => this.session.rangeOf(i.id)?.getBoundingClientRect().top ?? Infinity);
      const below = tops.findIndex((top) => top >= 0);
      index = direction > 0 ? (below < 0 ? 0 : below) - 1 : below < 0 ? order.length : below;
    }
    const next = (index + direction + order.length) % order.length;
    const item = order[next]!;
    this.session.reveal(item.id);
    const range = this.session.rangeOf(item.id);
    const at = boxOf(range?.getBoundingClientRect()) ?? { left: 16, top: 16, right: 16, bottom: 16 };
    this.showCardFor(item, range, at, { focus: true, position: { i: next + 1, n: order.length } });
    return true;
  }

  /** Show the highlight toolbar for the reader's selection; false when nothing usable is selected. */
  openToolbarForSelection(expanded: boolean): boolean {
    const map = this.session.textMap;
    const selection = document.getSelection();
    if (!map || !selection || selection.isCollapsed) return false;
    const picked = selectedSpan(selection, map);
    const at = boxOf(selectionRect(selection));
    if (!picked || !at) return false;
    this.toolbarExpanded = expanded;
    this.ensureHost().showToolbar(
      {
        expanded,
        onHighlight: ({ note, tags }) => {
          this.hideFloating();
          selection.removeAllRanges();
          this.session.addHighlight(picked.start, picked.end, note, tags).catch((e: unknown) => console.warn('PolicyLens:', e));
        },
        onCancel: () => this.hideFloating(),
        t: this.t,
      },
      at,
      `toolbar-${++this.toolbarSerial}`,
    );
    return true;
  }

  /** Tell the reader that what they made is not saved yet (null: all saved now). */
  showSaveProblem(problem: { unsaved: number; message: string } | null): void {
    if (!problem) {
      if (this.host?.noticeText() && this.noticeIsProblem) this.host.showNotice(null);
      this.noticeIsProblem = false;
      return;
    }
    this.noticeIsProblem = true;
    this.ensureHost().showNotice(this.t('save.failed', { count: problem.unsaved, message: problem.message.slice(0, 200) }));
  }
  private noticeIsProblem = false;

  /** The reader's highlight or "not a target" saved an article they had not saved: say so. */
  showArticleSaved(): void {
    this.noticeIsProblem = false;
    this.ensureHost().showNotice(this.t('notice.articleSaved'), { kind: 'info', closeLabel: this.t('notice.close') });
  }

  /** The notice shown on the page now (for tests). */
  noticeText(): string | null {
    return this.host?.noticeText() ?? null;
  }

  showLegend(counts: Parameters<CardHost['showLegend']>[0]['counts']): void {
    this.legendCounts = counts;
    this.ensureHost().showLegend({ counts, defaultHidden: false, palette: paletteOf(this.session.scheme() === 'dark' ? 'dark' : 'light', this.colours), t: this.t });
  }

  hideFloating(): void {
    this.host?.hideFloating();
  }

  hideAll(): void {
    this.host?.hideFloating();
    this.host?.hideLegend();
    this.legendCounts = null;
    this.cursor = null;
  }

  destroy(): void {
    clearTimeout(this.hoverTimer);
    this.watch?.stop();
    this.watch = null;
    this.unwatchPrefs?.();
    this.unwatchPrefs = null;
    for (const [type, fn] of this.listeners.splice(0)) document.removeEventListener(type, fn, true);
    this.host?.destroy();
    this.host = null;
  }
}
