import type { ArticleMeta, PageEvidence, Verdict } from '../types';
import type { TextMap } from '../page/text-map';
import type { ArticleLocation } from './adapters';
import type { GateReason } from './gate';
import type { PageSignals, VerdictInput } from '../verdict';
import type { LocateOptions } from './locate';
import { locatePage } from './readability';
import { judgePage } from './judge-page';
import { gateVerdict } from './gate-verdict';

/**
 * Detection of a whole page in one process (the CLI, the tests, the fit of the verdict): the
 * page side (locate.ts, what the content script runs) and the text side (judge-page.ts, what the
 * background runs) composed, so both halves are exercised together on the same input.
 */
export interface Detection {
  gate: { pass: boolean; reason: GateReason };
  verdict: Verdict;
  meta: ArticleMeta;
  article: ArticleLocation | null;
  /** The article's text as lib/page/text-map builds it from the container, cut at MAX_TEXT. */
  text: string;
  /** The text map `text` was read from (null when no article was read). */
  map: TextMap | null;
  /** What the page's markup says about the article. */
  evidence: PageEvidence;
  /** What the page says about itself, as the verdict read it (null when the gate rejected the page). */
  page: PageSignals | null;
  /** What the verdict read (normalised text, headline, page signals); null when the gate rejected the page. */
  input: VerdictInput | null;
}

export type DetectOptions = LocateOptions;

export function detectPage(doc: Document, url: string, options: DetectOptions = {}): Detection {
  const located = locatePage(doc, url, options);
  if (!located.map && !located.gate.pass) {
    const meta: ArticleMeta = { region: null, agencies: [] };
    if (located.evidence.title) meta.title = located.evidence.title;
    if (located.evidence.site) meta.site = located.evidence.site;
    return { ...located, verdict: gateVerdict(located.gate.reason), meta, page: null, input: null };
  }
  const { verdict, meta, input } = judgePage(located.text, located.evidence);
  return { ...located, verdict, meta, page: input.page ?? null, input };
}
