import type { AnnotationRecord, ArticleRecord } from '../db/schema';
import { zhTranslate } from '../i18n';
import { KIND_LABELS, byKind, cardLines, clean, eligibilityOf, exportCard, formatValue, metadataRows, safeHttpUrl, targetIndicator, visibleAnnotations } from './format-value';
import { textFragmentUrl } from './fragment';
import { Ticker, workOf } from './progress';
import { localDateTime } from '../format/date';
import type { ExportItem, ProgressFn } from './types';

/**
 * A self-contained HTML report: one file, inline CSS, no script, no external loads. Everything that
 * came from a page or the reader goes through esc(); the CSP meta is a second wall should an
 * escape ever be missed (no script runs, nothing is fetched).
 */

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function esc(s: string | null | undefined): string {
  return clean(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #d0d7de; padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
.generated { color: #59636e; font-size: .9rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .75rem 0; }
dl.meta dt { color: #59636e; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; white-space: nowrap; }
td.note { white-space: pre-wrap; }
a { color: #0969da; }
@media print { a { color: inherit; text-decoration: none; } section { break-inside: avoid-page; } }
`;

function quoteCell(article: ArticleRecord, a: AnnotationRecord): string {
  const text = esc(a.text || a.selectors.quote.exact);
  const href = textFragmentUrl(article.url, article.text, a, article.pageMap);
  return href ? `<a href="${esc(href)}" rel="noopener noreferrer">${text}</a>` : text;
}

function table(head: readonly string[], rows: readonly string[][]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const td = (html: string, cls?: string) => (cls ? `<td class="${cls}">${html}</td>` : `<td>${html}</td>`);
const noteCell = (a: AnnotationRecord) => td(esc(a.note), 'note');

function articleSection(article: ArticleRecord, annotations: AnnotationRecord[], level: 1 | 2, timezoneOffset?: number): string {
  const h = `h${level}`;
  const sub = `h${level + 1}`;
  const out: string[] = [`<section>`, `<${h}>${esc(article.title) || '（无标题）'}</${h}>`];
  const meta = metadataRows(article, timezoneOffset).map(([k, v]) => {
    const href = k === '网址' ? safeHttpUrl(article.url) : null;
    const dd = href ? `<a href="${esc(href)}" rel="noopener noreferrer">${esc(v)}</a>` : esc(v);
    return `<dt>${esc(k)}</dt><dd>${dd}</dd>`;
  });
  out.push(`<dl class="meta">${meta.join('')}</dl>`);
  const card = cardLines(exportCard(article, annotations));
  if (card.length) out.push(`<${sub}>${esc(zhTranslate('policyCard.title'))}</${sub}>`, `<dl class="meta card">${card.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
  const g = byKind(visibleAnnotations(annotations));
  const targets = g.get('target') ?? [];
  const deadlines = g.get('deadline') ?? [];
  const programs = g.get('program') ?? [];
  const support = g.get('support') ?? [];
  const highlights = g.get('highlight') ?? [];
  if (targets.length)
    out.push(`<${sub}>${KIND_LABELS.target}</${sub}>`, table(['原文', '指标', '数值', '备注'], targets.map((a) => [td(quoteCell(article, a)), td(esc(targetIndicator(a))), td(esc(formatValue(a))), noteCell(a)])));
  if (deadlines.length)
    out.push(`<${sub}>${KIND_LABELS.deadline}</${sub}>`, table(['原文', '期限', '备注'], deadlines.map((a) => [td(quoteCell(article, a)), td(esc(formatValue(a))), noteCell(a)])));
  if (programs.length)
    out.push(`<${sub}>${KIND_LABELS.program}</${sub}>`, table(['名称', '原文', '备注'], programs.map((a) => [td(esc(formatValue(a))), td(quoteCell(article, a)), noteCell(a)])));
  if (support.length)
    out.push(`<${sub}>${KIND_LABELS.support}</${sub}>`, table(['原文', '支持', '适用对象', '备注'], support.map((a) => [td(quoteCell(article, a)), td(esc(formatValue(a))), td(esc(eligibilityOf(a))), noteCell(a)])));
  if (highlights.length)
    out.push(`<${sub}>${KIND_LABELS.highlight}</${sub}>`, table(['原文', '备注', '标签'], highlights.map((a) => [td(quoteCell(article, a)), noteCell(a), td(esc(a.tags.join('、')))])));
  if (!targets.length && !deadlines.length && !programs.length && !support.length && !highlights.length) out.push('<p>（没有标注）</p>');
  out.push('</section>');
  return out.join('\n');
}

export async function buildHtml(items: readonly ExportItem[], now: Date, onProgress?: ProgressFn, timezoneOffset?: number): Promise<string> {
  const ticker = new Ticker(workOf(items), onProgress);
  const single = items.length === 1 ? items[0] : undefined;
  const title = single ? single.article.title : `PolicyLens 政策报告（${items.length} 篇）`;
  const sections: string[] = [];
  for (const { article, annotations } of items) {
    sections.push(articleSection(article, annotations, single ? 1 : 2, timezoneOffset));
    await ticker.tick(1 + annotations.length);
  }
  const header = single ? '' : `<h1>${esc(title)}</h1>\n`;
  ticker.finish();
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="PolicyLens 政策透镜">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${header}<p class="generated">由 PolicyLens 政策透镜生成于 ${esc(localDateTime(now.getTime(), timezoneOffset))}</p>
${sections.join('\n')}
</body>
</html>
`;
}
