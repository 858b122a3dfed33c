import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CDPSession, Page } from 'playwright-core';

/**
 * Reaching the in-page UI from a test. It lives in a closed shadow root the page cannot enter
 * (lib/page/card-host); the DevTools protocol can, as a screen reader's accessibility tree can:
 * DOM.getDocument with pierce lists closed roots, and DOM.resolveNode hands one to a function.
 */

interface DomNode {
  nodeName: string;
  localName?: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function findHost(n: DomNode): DomNode | null {
  if (n.localName === 'policylens-card') return n;
  for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
    const f = findHost(c);
    if (f) return f;
  }
  return null;
}

/** Run `fn` (a function source, `this` being the closed shadow root) in the page; null when there is no UI yet. */
export async function inShadow<T>(page: Page, fn: string, cdp?: CDPSession): Promise<T | null> {
  const own = cdp ?? (await page.context().newCDPSession(page));
  try {
    const { root } = (await own.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = findHost(root);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = (await own.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId: string } };
    const r = (await own.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true, awaitPromise: true })) as { result: { value?: T }; exceptionDetails?: unknown };
    if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
    return r.result.value ?? null;
  } finally {
    if (!cdp) await own.detach();
  }
}

export interface UiState {
  /** The floating element shown: 'card', 'toolbar' or none. */
  open: 'card' | 'toolbar' | null;
  /** Its text as a reader reads it. */
  text: string;
  /** The toolbar is expanded (note field shown). */
  expanded: boolean;
  /** Where the focus is inside our UI: the tag and accessible name, or null when outside it. */
  focus: { tag: string; label: string; text: string } | null;
  notice: string | null;
  legend: string | null;
  /** aria-label of the card's dialog. */
  dialogLabel: string | null;
}

export async function uiState(page: Page): Promise<UiState | null> {
  return inShadow<UiState>(page, `function () {
    const floating = this.querySelector('.pl-float');
    const card = floating && !floating.hidden ? floating.querySelector('.pl-card') : null;
    const toolbar = floating && !floating.hidden ? floating.querySelector('.pl-toolbar') : null;
    const active = this.activeElement;
    const notice = this.querySelector('.pl-notice');
    const legend = this.querySelector('.pl-legend-slot');
    return {
      open: card ? 'card' : toolbar ? 'toolbar' : null,
      text: (card || toolbar) ? (card || toolbar).textContent : '',
      expanded: !!toolbar && toolbar.classList.contains('pl-toolbar--open'),
      focus: active ? { tag: active.localName, label: active.getAttribute('aria-label') || '', text: (active.textContent || '').trim() } : null,
      notice: notice && !notice.hidden ? notice.firstChild.textContent : null,
      legend: legend && !legend.hidden ? legend.textContent : null,
      dialogLabel: card ? card.getAttribute('aria-label') : null,
    };
  }`);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.x A/AA and best
 * practice rules), optionally only inside `include`. Injected through the DevTools protocol, so an
 * extension page's script policy does not stand in the way.
 */
export async function seriousViolations(page: Page, include?: string): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (sel) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(sel ? { include: [[sel]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`) }));
  }, include ?? null);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The in-page UI as axe can see it: the closed root's content copied, styles included, into an
 * open shadow root on the same page at the same place (axe reads open roots only). Returns the
 * selector of the copy.
 */
export async function openCopyOfPageUi(page: Page): Promise<string | null> {
  const ok = await inShadow<boolean>(page, `function () {
    document.getElementById('pl-axe-copy')?.remove();
    const copy = document.createElement('div');
    copy.id = 'pl-axe-copy';
    copy.setAttribute('style', 'position:absolute;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483647');
    const open = copy.attachShadow({ mode: 'open' });
    for (const n of this.childNodes) open.append(n.cloneNode(true));
    document.body.append(copy);
    // The original out of the way while axe looks (it would sit over the copy).
    this.host.style.setProperty('visibility', 'hidden', 'important');
    return true;
  }`);
  return ok ? '#pl-axe-copy' : null;
}

/** Take the copy away and show the real UI again. */
export async function closeCopyOfPageUi(page: Page): Promise<void> {
  await inShadow<boolean>(page, `function () {
    document.getElementById('pl-axe-copy')?.remove();
    this.host.style.setProperty('visibility', 'visible', 'important');
    return true;
  }`);
}
