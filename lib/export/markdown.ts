import type { AnnotationRecord, ArticleRecord } from '../db/schema';
import type { PolicyCard } from '../card/policy-card';
import { zhTranslate } from '../i18n';
import { KIND_LABELS, KIND_ORDER, byKind, cardDate, cardLines, clean, exportCard, formatValue, visibleAnnotations } from './format-value';
import { textFragmentUrl } from './fragment';
import { Ticker, workOf } from './progress';
import type { ExportItem, ProgressFn } from './types';

/**
 * Obsidian-friendly Markdown: one note with YAML front matter (Obsidian "properties") and a
 * section per annotation type, every quote a link to its place in the source page.
 */

/**
 * A YAML double-quoted scalar. Every string is quoted so nothing a page says (a title of "yes",
 * "null", "- x", "#tag" or "key: value") changes type or structure; escapes cover backslash,
 * quote, line breaks, and every control or line-separator character YAML would otherwise fold.
 * Front matter is also read by Markdown viewers that do not know it (its lines are then ordinary
 * Markdown, raw HTML rendered) and shown in a fenced block: the characters that open HTML, links,
 * images, entities or a fence are written as \u escapes, which YAML reads back as themselves.
 */
const MARKUP = new Set(['<', '>', '&', '[', ']', '`', '!']);

export function yamlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (MARKUP.has(ch)) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff))
      out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function yamlList(key: string, values: readonly string[]): string {
  if (values.length === 0) return `${key}: []`;
  return `${key}:\n${values.map((v) => `  - ${yamlString(v)}`).join('\n')}`;
}

export function frontMatter(a: ArticleRecord, tags: readonly string[], card?: PolicyCard): string {
  const lines = ['---', `title: ${yamlString(a.title)}`, `url: ${yamlString(a.url)}`];
  if (a.site) lines.push(`site: ${yamlString(a.site)}`);
  if (a.publishedAt) lines.push(`date: ${yamlString(a.publishedAt)}`);
  if (a.region) lines.push(`region: ${yamlString(a.region)}`);
  lines.push(yamlList('agencies', a.agencies ?? []));
  if (a.docNumber) lines.push(`docNumber: ${yamlString(a.docNumber)}`);
  // The card's own dates (ISO) and programs, so a vault can sort and query policies by them.
  if (card) {
    for (const kind of ['written', 'effective', 'expires'] as const) {
      const date = cardDate(card, kind);
      if (date) lines.push(`${kind}: ${yamlString(date)}`);
    }
    if (card.programs.length) lines.push(yamlList('programs', card.programs));
  }
  lines.push(yamlList('tags', tags));
  lines.push(`saved: ${yamlString(new Date(a.savedAt).toISOString())}`);
  lines.push('---');
  return lines.join('\n');
}

/**
 * Escape Markdown: CommonMark backslash escapes for the punctuation that starts emphasis, links,
 * code, HTML, tables, math and tags, and for Obsidian's doubled markers (==mark==, ~~strike~~,
 * %%comment%%). Single = ~ % stay as written: they mean nothing alone and 1.5% should read as 1.5%.
 * `block` also escapes what starts a block at a line's beginning (lists, ordered lists), for
 * text that begins lines of its own; inline text (after a dash, inside a link) needs no such care.
 */
export function mdEscape(s: string, block = false): string {
  const out = clean(s)
    .replace(/[\\`*_[\]{}<>#|$^&]/g, (c) => '\\' + c)
    .replace(/==|~~|%%/g, (m) => `\\${m[0]}\\${m[1]}`);
  if (block) return out.replace(/^([-+])/gm, '\\$1').replace(/^(\d+)([.)])/gm, '$1\\$2');
  // Inline text stays on its line: a newline in a title or tag could otherwise start a heading or a list.
  return out.replace(/[\r\n]+/g, ' ');
}

/** A Markdown link destination in <…>, with the characters that would end it encoded. */
function mdUrl(url: string): string {
  return '<' + url.replace(/[<>\s]/g, (c) => encodeURIComponent(c)) + '>';
}

function noteLines(note: string, indent: string): string {
  const lines = clean(note).split(/\r\n|\r|\n/).map((l) => mdEscape(l, true));
  // A trailing backslash is CommonMark's hard line break: the note keeps its lines inside the list item.
  return lines.map((l, i) => (i === 0 ? `${indent}- 备注：${l}` : `${indent}  ${l}`)).join('\\\n');
}

function annotationItem(article: ArticleRecord, a: AnnotationRecord): string {
  const quote = mdEscape(a.text || a.selectors.quote.exact);
  const link = textFragmentUrl(article.url, article.text, a, article.pageMap);
  const value = formatValue(a);
  let line = link ? `- [${quote}](${mdUrl(link)})` : `- ${quote}`;
  if (value) line += ` — ${mdEscape(value)}`;
  const out = [line];
  if (a.note?.trim()) out.push(noteLines(a.note, '  '));
  if (a.tags.length) out.push(`  - 标签：${a.tags.map((t) => mdEscape(t)).join('、')}`);
  return out.join('\n');
}

function articleBody(article: ArticleRecord, annotations: AnnotationRecord[], heading: '#' | '##'): string {
  const sub = heading === '#' ? '##' : '###';
  const out: string[] = [`${heading} ${mdEscape(article.title) || '（无标题）'}`];
  const card = cardLines(exportCard(article, annotations));
  if (card.length) out.push('', `${sub} ${zhTranslate('policyCard.title')}`, '', ...card.map(([k, v]) => `- ${mdEscape(k)}：${mdEscape(v)}`));
  const groups = byKind(visibleAnnotations(annotations));
  let annotated = false;
  for (const kind of KIND_ORDER) {
    const list = groups.get(kind) ?? [];
    if (list.length === 0) continue;
    annotated = true;
    out.push('', `${sub} ${KIND_LABELS[kind]}`, '', ...list.map((a) => annotationItem(article, a)));
  }
  if (!annotated) out.push('', '（没有标注）');
  return out.join('\n');
}

function allTags(items: readonly ExportItem[]): string[] {
  const set = new Set<string>();
  for (const { annotations } of items) for (const a of annotations) if (!a.dismissed) for (const t of a.tags) if (t.trim()) set.add(clean(t).trim());
  return [...set].sort();
}

/**
 * One article → a note whose front matter describes it. Several → one note whose front matter
 * describes the export, each article a section with its metadata in a YAML code block.
 */
export async function buildMarkdown(items: readonly ExportItem[], now: Date, onProgress?: ProgressFn): Promise<string> {
  const ticker = new Ticker(workOf(items), onProgress);
  const only = items.length === 1 ? items[0] : undefined;
  if (only) {
    const body = [frontMatter(only.article, allTags(items), exportCard(only.article, only.annotations)), '', articleBody(only.article, only.annotations, '#'), ''].join('\n');
    ticker.finish();
    return body;
  }
  const parts: string[] = [
    ['---', `title: ${yamlString(`PolicyLens 导出（${items.length} 篇）`)}`, `exported: ${yamlString(now.toISOString())}`, `articles: ${items.length}`, yamlList('tags', allTags(items)), '---'].join('\n'),
  ];
  for (const { article, annotations } of items) {
    const meta = frontMatter(article, allTags([{ article, annotations }]), exportCard(article, annotations)).split('\n').slice(1, -1).join('\n');
    parts.push([articleBody(article, annotations, '#'), '', '```yaml', meta, '```'].join('\n'));
    await ticker.tick(1 + annotations.length);
  }
  ticker.finish();
  return parts.join('\n\n') + '\n';
}
