import { z } from 'zod';
import type { AnnotationRecord, ArticleRecord } from '../db/schema';
import { PROJECT_UUID } from '../identity';
import contextV1 from './policylens-context-v1.json';
import { cardDate, clean, exportCard, formatValue, visibleAnnotations } from './format-value';
import { Ticker, workOf } from './progress';
import { pageSelectors, squashQuote } from './page-selectors';
import type { ExportItem, ProgressFn } from './types';

/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as JSON-LD: an
 * AnnotationCollection whose one embedded AnnotationPage holds every Annotation. Our own data
 * (type, normalised value, origin, article metadata) rides along under the policylens: prefix,
 * which the standard allows and other tools ignore.
 *
 * The policylens: vocabulary is the project's own, versioned: version 1 is
 * policylens-context-v1.json, embedded whole in every export (a reader of the file needs no
 * network, and no URL the project does not own is named). Its namespace is the UUID version 5
 * of "policylens/jsonld/v1" in the project's UUID (lib/identity.ts); a version 2 would take
 * "policylens/jsonld/v2" and a new file, and v1 files keep their meaning. Terms are only added
 * within a version, never changed. lib/export/README.md has the table.
 */

export const JSONLD_CONTEXT_VERSION = 1;
/** The name its namespace UUID is derived from (tests/lib/export/jsonld.test.ts derives it). */
export const JSONLD_NAMESPACE_NAME = `policylens/jsonld/v${JSONLD_CONTEXT_VERSION}`;
export const POLICYLENS_NS = contextV1.policylens;
export const JSONLD_CONTEXT = ['http://www.w3.org/ns/anno.jsonld', contextV1] as const;
/** Who wrote the file: the project, by its UUID. */
export const GENERATOR_IRI = `urn:uuid:${PROJECT_UUID}`;

/** An IRI for a record id: ids are opaque strings, so they are percent-encoded into a URN. */
export function annotationIri(id: string): string {
  return `urn:policylens:annotation:${encodeURIComponent(id)}`;
}
export function articleIri(id: string): string {
  return `urn:policylens:article:${encodeURIComponent(id)}`;
}

export type Motivation = 'highlighting' | 'commenting' | 'tagging' | 'classifying';

/** Why the annotation exists, in the model's vocabulary: a note makes it a comment; an engine type a classification. */
export function motivationOf(a: AnnotationRecord): Motivation {
  if (a.note?.trim()) return 'commenting';
  if (a.type !== 'highlight') return 'classifying';
  if (a.tags.length) return 'tagging';
  return 'highlighting';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function toAnnotation(article: ArticleRecord, a: AnnotationRecord): WebAnnotation {
  const body: TextualBody[] = [];
  if (a.note?.trim()) body.push({ type: 'TextualBody', value: clean(a.note), format: 'text/plain', language: 'zh', purpose: 'commenting' });
  for (const t of a.tags) body.push({ type: 'TextualBody', value: clean(t), purpose: 'tagging' });
  if (a.type !== 'highlight') body.push({ type: 'TextualBody', value: a.type, purpose: 'classifying' });
  // Positions count on the text of the page named as source (lib/page/page-text.ts); without a
  // page-text map (saved before maps were kept) only the quote is given, never article offsets.
  const onPage = pageSelectors(article, a);
  const quote = onPage?.quote ?? squashQuote(a.selectors.quote);
  const quoteSelector = { type: 'TextQuoteSelector' as const, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
  const ann: WebAnnotation = {
    id: annotationIri(a.id),
    type: 'Annotation',
    motivation: motivationOf(a),
    created: iso(a.createdAt),
    modified: iso(a.updatedAt),
    ...(body.length ? { body } : {}),
    target: {
      source: article.url,
      selector: onPage ? [quoteSelector, { type: 'TextPositionSelector', start: onPage.position.start, end: onPage.position.end }] : [quoteSelector],
    },
    'policylens:type': a.type,
    'policylens:origin': a.origin,
    'policylens:article': articleIri(article.id),
  };
  if (a.value) {
    ann['policylens:value'] = a.value;
    const readable = formatValue(a);
    if (readable) ann['policylens:valueText'] = readable;
  }
  return ann;
}

function toArticleMeta(a: ArticleRecord, annotations: readonly AnnotationRecord[]): PolicyLensArticle {
  const m: PolicyLensArticle = { id: articleIri(a.id), url: a.url, title: a.title, saved: iso(a.savedAt) };
  if (a.site) m.site = a.site;
  if (a.publishedAt) m.date = a.publishedAt;
  if (a.region) m.region = a.region;
  if (a.agencies?.length) m.agencies = [...a.agencies];
  if (a.docNumber) m.docNumber = a.docNumber;
  // The card's own dates and programs; its support, targets and deadlines are the annotations.
  const card = exportCard(a, annotations);
  for (const kind of ['written', 'effective', 'expires'] as const) {
    const date = cardDate(card, kind);
    if (date) m[kind] = date;
  }
  if (card.programs.length) m.programs = card.programs;
  return m;
}

export async function buildJsonLd(items: readonly ExportItem[], now: Date, onProgress?: ProgressFn): Promise<string> {
  const ticker = new Ticker(workOf(items), onProgress);
  const annotations: WebAnnotation[] = [];
  for (const { article, annotations: list } of items) {
    for (const a of visibleAnnotations(list)) {
      annotations.push(toAnnotation(article, a));
      await ticker.tick();
    }
    await ticker.tick();
  }
  const collection: WebAnnotationCollection = {
    '@context': [JSONLD_CONTEXT[0], structuredClone(JSONLD_CONTEXT[1])],
    id: `urn:policylens:export:${now.getTime()}`,
    type: 'AnnotationCollection',
    label: items.length === 1 && items[0] ? items[0].article.title : `PolicyLens 导出（${items.length} 篇）`,
    generated: now.toISOString(),
    generator: { id: GENERATOR_IRI, type: 'Software', name: 'PolicyLens 政策透镜' },
    total: annotations.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations },
    'policylens:articles': items.map((it) => toArticleMeta(it.article, it.annotations)),
  };
  ticker.finish();
  // Pasted into an HTML <script type="application/ld+json">, a "</script>" or "<!--" in a title
  // would end the element; as \u escapes the JSON means the same and no HTML parser sees markup.
  return JSON.stringify(collection, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/* ---- The subset of the model we emit, as a schema: tests validate output against it, and it documents the shape. ---- */

const isoDateTime = z.iso.datetime();
const iri = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'an absolute IRI');

export const textQuoteSelectorSchema = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
export const textPositionSelectorSchema = z
  .strictObject({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, 'end before start');

export const textualBodySchema = z.strictObject({
  type: z.literal('TextualBody'),
  value: z.string(),
  format: z.string().optional(),
  language: z.string().optional(),
  purpose: z.enum(['commenting', 'tagging', 'classifying', 'describing']),
});

const targetValueSchema = z.strictObject({
  indicator: z.string(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string(),
  qualifier: z.string().nullable(),
});
const month = z.number().int().min(1).max(12);
const deadlineValueSchema = z.strictObject({
  kind: z.enum(['by', 'within', 'recurring', 'scope', 'span', 'window']),
  start: z.string().nullable().optional(),
  end: z.string().nullable(),
  resolved: z.boolean(),
  period: z.string().optional(),
  month: month.optional(),
  endMonth: month.optional(),
});
const programValueSchema = z.strictObject({ name: z.string(), aliasOf: z.string().optional() });
const bounds = { min: z.number().nullable(), max: z.number().nullable() };
const supportValueSchema = z.strictObject({
  kind: z.enum(['subsidy', 'reward', 'loan', 'guarantee', 'interest', 'tax', 'fee', 'service', 'other']),
  amount: z.strictObject({ ...bounds, unit: z.string() }).optional(),
  per: z.string().optional(),
  rate: z.strictObject(bounds).optional(),
  cap: z.strictObject({ value: z.number().nullable(), unit: z.string() }).optional(),
  basis: z.string().optional(),
  eligibility: z
    .strictObject({
      text: z.string(),
      entity: z.string().optional(),
      thresholds: z.array(z.strictObject({ text: z.string(), measure: z.string(), ...bounds, unit: z.string() })).optional(),
      region: z.string().optional(),
    })
    .optional(),
});

export const webAnnotationSchema = z
  .strictObject({
    id: iri,
    type: z.literal('Annotation'),
    motivation: z.enum(['highlighting', 'commenting', 'tagging', 'classifying']),
    created: isoDateTime,
    modified: isoDateTime,
    body: z.array(textualBodySchema).min(1).optional(),
    target: z.strictObject({
      source: z.url(),
      selector: z.union([z.tuple([textQuoteSelectorSchema, textPositionSelectorSchema]), z.tuple([textQuoteSelectorSchema])]),
    }),
    'policylens:type': z.enum(['target', 'deadline', 'program', 'support', 'highlight']),
    'policylens:origin': z.enum(['auto', 'manual']),
    'policylens:article': iri,
    'policylens:value': z.union([targetValueSchema, deadlineValueSchema, programValueSchema, supportValueSchema]).optional(),
    'policylens:valueText': z.string().optional(),
  })
  .superRefine((a, ctx) => {
    // The model: a commenting annotation carries its comment; a classifying one says what class.
    const purposes = new Set((a.body ?? []).map((b) => b.purpose));
    if (a.motivation === 'commenting' && !purposes.has('commenting')) ctx.addIssue({ code: 'custom', message: 'commenting without a commenting body' });
    if (a.motivation === 'classifying' && !purposes.has('classifying')) ctx.addIssue({ code: 'custom', message: 'classifying without a classifying body' });
    if (a.motivation === 'tagging' && !purposes.has('tagging')) ctx.addIssue({ code: 'custom', message: 'tagging without a tag' });
  });

const policyLensArticleSchema = z.strictObject({
  id: iri,
  url: z.string(),
  title: z.string(),
  saved: isoDateTime,
  site: z.string().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  region: z.string().optional(),
  agencies: z.array(z.string()).optional(),
  docNumber: z.string().optional(),
  written: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  programs: z.array(z.string()).optional(),
});

export const webAnnotationCollectionSchema = z
  .strictObject({
    '@context': z.tuple([z.literal('http://www.w3.org/ns/anno.jsonld'), z.looseObject({ '@version': z.number(), policylens: z.literal(POLICYLENS_NS) }).refine((c) => JSON.stringify(c) === JSON.stringify(contextV1), 'not the policylens context v1')]),
    id: iri,
    type: z.literal('AnnotationCollection'),
    label: z.string(),
    generated: isoDateTime,
    generator: z.strictObject({ id: iri, type: z.literal('Software'), name: z.string() }),
    total: z.number().int().nonnegative(),
    first: z.strictObject({ type: z.literal('AnnotationPage'), startIndex: z.literal(0), items: z.array(webAnnotationSchema) }),
    'policylens:articles': z.array(policyLensArticleSchema),
  })
  .refine((c) => c.total === c.first.items.length, 'total differs from the number of items');

export type TextualBody = z.infer<typeof textualBodySchema>;
export type WebAnnotation = z.infer<typeof webAnnotationSchema>;
export type WebAnnotationCollection = z.infer<typeof webAnnotationCollectionSchema>;
type PolicyLensArticle = z.infer<typeof policyLensArticleSchema>;
