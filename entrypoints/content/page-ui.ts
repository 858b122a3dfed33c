import { createCardHost, type AnchorBox, type CardHost } from '../../lib/page/card-host';
import { selectedSpan, selectionRect } from '../../lib/page/selection';
import { todayIso } from '../../lib/format/date';
import { watchPage, type PageWatch } from '../../lib/page/watch';
import type { PageSession } from './page-session';
import { zhTranslate } from '../../lib/i18n';

const HOVER_DWELL_MS = 450;

function boxOf(rect: DOMRect | null | undefined): AnchorBox | null {
  return rect ? { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom } : null;
}

/**
 * The reader's side of the page: the card over a highlight, the toolbar over a selection, the
 * legend, and the watcher that re-reads single-page sites. All of it lives in one closed shadow
 * root (lib/page/card-host) and is created only on pages where there is something to show.
 */
export class PageUi {
  private host: CardHost | null = null;
  private watch: PageWatch | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: [string, EventListener][] = [];

  constructor(private readonly session: PageSession) {}

  /** Our own DOM changes (fallback marks, styles) must not count as the page changing. */
  readonly ignoreMutations = <T>(fn: () => T): T => (this.watch ? this.watch.ignore(fn) : fn());

  start(): void {
    this.watch = watchPage({
      onNavigate: () => void this.session.navigated(),
      onContentChanged: () => void this.session.contentChanged(),
      root: () => this.session.watchRoot,
    });
    this.on('click', (e) => this.onClick(e as MouseEvent));
    this.on('mousemove', (e) => this.onMove(e as MouseEvent));
    this.on('mouseup', (e) => {
      if (this.host?.contains(e)) return;
      // After the browser has settled the selection.
      setTimeout(() => this.openToolbarForSelection(false), 0);
    });
  }

  private on(type: string, fn: EventListener): void {
    document.addEventListener(type, fn, true);
    this.listeners.push([type, fn]);
  }

  private ensureHost(): CardHost {
    this.host ??= createCardHost();
    return this.host;
  }

  private onMove(e: MouseEvent): void {
    clearTimeout(this.hoverTimer);
    if (this.host?.isOpen() || this.host?.contains(e)) return;
    const { clientX, clientY } = e;
    this.hoverTimer = setTimeout(() => this.openCardAt(clientX, clientY), HOVER_DWELL_MS);
  }

  private onClick(e: MouseEvent): void {
    if (this.host?.contains(e)) return;
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    this.openCardAt(e.clientX, e.clientY);
  }

  private openCardAt(x: number, y: number): void {
    const hit = this.session.itemAt(x, y);
    if (!hit) return;
    const { item, range } = hit;
    const at = boxOf(range?.getBoundingClientRect()) ?? { left: x, top: y, right: x, bottom: y };
    const saved = item.annotation ? this.session.savedAnnotation(item.annotation.id) : undefined;
    const fail = (e: unknown) => console.warn('PolicyLens:', e);
    const act = (change: Parameters<PageSession['changeItem']>[1]) => () => {
      this.hideFloating();
      this.session.changeItem(item.id, change).catch(fail);
    };
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
      },
      at,
      item.id,
    );
  }

  /** Show the highlight toolbar for the reader's selection; false when nothing usable is selected. */
  openToolbarForSelection(expanded: boolean): boolean {
    const map = this.session.textMap;
    const selection = document.getSelection();
    if (!map || !selection || selection.isCollapsed) return false;
    const picked = selectedSpan(selection, map);
    const at = boxOf(selectionRect(selection));
    if (!picked || !at) return false;
    this.ensureHost().showToolbar(
      {
        expanded,
        onHighlight: ({ note, tags }) => {
          this.hideFloating();
          selection.removeAllRanges();
          this.session.addHighlight(picked.start, picked.end, note, tags).catch((e: unknown) => console.warn('PolicyLens:', e));
        },
        onCancel: () => this.hideFloating(),
      },
      at,
    );
    return true;
  }

  /** Tell the reader that what they made is not saved yet (null: all saved now). */
  showSaveProblem(problem: { unsaved: number; message: string } | null): void {
    if (!problem) {
      this.host?.showNotice(null);
      return;
    }
    this.ensureHost().showNotice(zhTranslate('save.failed', { count: problem.unsaved, message: problem.message.slice(0, 200) }));
  }

  /** The notice shown on the page now (for tests). */
  noticeText(): string | null {
    return this.host?.noticeText() ?? null;
  }

  showLegend(counts: Parameters<CardHost['showLegend']>[0]['counts']): void {
    this.ensureHost().showLegend({ counts, defaultHidden: false });
  }

  hideFloating(): void {
    this.host?.hideFloating();
  }

  hideAll(): void {
    this.host?.hideFloating();
    this.host?.hideLegend();
  }

  destroy(): void {
    clearTimeout(this.hoverTimer);
    this.watch?.stop();
    this.watch = null;
    for (const [type, fn] of this.listeners.splice(0)) document.removeEventListener(type, fn, true);
    this.host?.destroy();
    this.host = null;
  }
}
