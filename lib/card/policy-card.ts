import type { AnnotationKind } from '../db/schema';
import type { ArticleMeta, DeadlineValue, ProgramValue, SupportValue, TargetValue } from '../types';
import { readPolicyDates, type PolicyDate } from './policy-dates';

/**
 * A policy's card (issue 17): who issued it, its number and dates, where it applies, the programs
 * it names, what it gives (support with eligibility), what it wants (targets), and by when
 * (application windows first, then deadlines). One pure function gathers it from an article and
 * its annotations, so the popup (a page's reading), the dashboard (a saved article) and every
 * export show the same card.
 */

/** What the card needs of an article: a saved ArticleRecord or a page's capture both fit. */
export interface CardArticle extends Pick<ArticleMeta, 'publishedAt' | 'agencies' | 'docNumber' | 'region'> {
  title?: string;
  url: string;
  text: string;
}

/** What the card needs of an annotation: an AnnotationRecord or an engine Span both fit. */
export interface CardAnnotation {
  type: AnnotationKind;
  text: string;
  value?: TargetValue | DeadlineValue | ProgramValue | SupportValue;
  dismissed?: boolean;
}

export interface CardItem<V> {
  text: string;
  value: V;
}

export interface PolicyCard {
  title: string;
  url: string;
  issuers: string[];
  docNumber: string | null;
  dates: PolicyDate[];
  region: string | null;
  /** Distinct canonical names, a short alias folded into the full title it stands for. */
  programs: string[];
  support: CardItem<SupportValue>[];
  targets: CardItem<TargetValue>[];
  /** Application windows first, then the other deadlines, each in reading order. */
  deadlines: CardItem<DeadlineValue>[];
}

/** Whether a card has anything to show beyond its title. */
export function cardIsEmpty(c: PolicyCard): boolean {
  return !c.issuers.length && !c.docNumber && !c.dates.length && !c.region && !c.programs.length && !c.support.length && !c.targets.length && !c.deadlines.length;
}

function items<V>(list: readonly CardAnnotation[], type: AnnotationKind): CardItem<V>[] {
  const seen = new Set<string>();
  const out: CardItem<V>[] = [];
  for (const a of list) {
    if (a.type !== type || a.dismissed || !a.value) continue;
    // The same figure repeated in a summary and a body is one line of the card.
    const key = `${a.text}\u0000${JSON.stringify(a.value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: a.text, value: a.value as V });
  }
  return out;
}

/** The card of one article. Annotations are taken in the order given (reading order). */
export function policyCard(article: CardArticle, annotations: readonly CardAnnotation[]): PolicyCard {
  const programs: string[] = [];
  for (const p of items<ProgramValue>(annotations, 'program')) {
    const name = (p.value.aliasOf?.trim() || p.value.name).trim();
    if (name && !programs.includes(name)) programs.push(name);
  }
  const deadlines = items<DeadlineValue>(annotations, 'deadline');
  return {
    title: article.title?.trim() || article.url,
    url: article.url,
    issuers: [...new Set((article.agencies ?? []).map((a) => a.trim()).filter(Boolean))],
    docNumber: article.docNumber?.trim() || null,
    dates: readPolicyDates(article.text, article.publishedAt),
    region: article.region?.trim() || null,
    programs,
    support: items<SupportValue>(annotations, 'support'),
    targets: items<TargetValue>(annotations, 'target'),
    deadlines: [...deadlines.filter((d) => d.value.kind === 'window'), ...deadlines.filter((d) => d.value.kind !== 'window')],
  };
}
