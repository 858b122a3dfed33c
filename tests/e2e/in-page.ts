/**
 * Functions that run inside the tested page, shared by the Chromium (playwright-core) and Firefox
 * (puppeteer-core) harnesses: both drivers serialise a function and call it with one argument,
 * so each must be self-contained (no closure over this module).
 */

export interface FoundHighlight {
  name: string;
  text: string;
}

/** What the page shows as highlighted: every range of every CSS highlight, plus fallback marks. */
export function highlightsInPage(): FoundHighlight[] {
  const found: { name: string; text: string }[] = [];
  if (globalThis.CSS && 'highlights' in CSS) {
    for (const [name, hl] of CSS.highlights) for (const r of hl) found.push({ name, text: r.toString() });
  }
  for (const el of document.querySelectorAll('policylens-mark')) {
    found.push({ name: `policylens-${el.getAttribute('data-type') ?? ''}`, text: el.textContent ?? '' });
  }
  return found;
}

/** The content script marks the root element with data-policylens-state (ready | off | error) when done. */
export function analysisDone(): boolean {
  const s = document.documentElement.dataset.policylensState;
  return !!s && s !== 'pending';
}

/** Is a highlight of `name` with exactly this text drawn (CSS highlight or fallback mark)? */
export function highlightShown([name, text]: readonly [string, string]): boolean {
  const hl = globalThis.CSS && 'highlights' in CSS ? CSS.highlights.get(name) : undefined;
  if (hl) for (const r of hl) if ((r as Range).toString() === text) return true;
  const type = name.replace(/^policylens-/, '');
  for (const el of document.querySelectorAll(`policylens-mark[data-type="${type}"]`)) if (el.textContent === text) return true;
  return false;
}

/**
 * Where to press and release the mouse to drag over the first occurrence of `needle` (scrolled
 * into view first), in viewport coordinates; null when the page does not contain it.
 */
export function dragPointsFor(needle: string): { x0: number; y0: number; x1: number; y1: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const i = (node as Text).data.indexOf(needle);
    if (i < 0) continue;
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + needle.length);
    range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    const rects = [...range.getClientRects()];
    const first = rects[0]!;
    const last = rects[rects.length - 1]!;
    return { x0: first.left + 1, y0: (first.top + first.bottom) / 2, x1: last.right - 1, y1: (last.top + last.bottom) / 2 };
  }
  return null;
}

/**
 * The point of the in-page toolbar's first button (标注) next to the current selection: the
 * toolbar is in a closed shadow root, so it is found the way a reader finds it, by position.
 */
export function toolbarButtonPoint(): { x: number; y: number } | null {
  const sel = document.getSelection();
  if (!sel?.rangeCount) return null;
  const rects = [...sel.getRangeAt(0).getClientRects()];
  const first = rects[0];
  const last = rects[rects.length - 1];
  if (!first || !last) return null;
  const x = Math.max(8, first.left) + 2;
  const probe = (from: number, to: number, step: number) => {
    for (let y = from; step > 0 ? y < to : y > to; y += step) {
      if (document.elementFromPoint(x, y)?.localName === 'policylens-card') return y;
    }
    return null;
  };
  const below = probe(last.bottom, last.bottom + 60, 1);
  if (below !== null) return { x: x + 16, y: below + 14 };
  const above = probe(first.top, Math.max(0, first.top - 120), -1);
  return above !== null ? { x: x + 16, y: above - 40 + 14 } : null;
}
