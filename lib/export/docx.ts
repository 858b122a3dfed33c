import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { AnnotationRecord, ArticleRecord } from '../db/schema';
import { zhTranslate } from '../i18n';
import { KIND_LABELS, byKind, cardLines, clean, eligibilityOf, exportCard, formatValue, metadataRows, targetIndicator, visibleAnnotations } from './format-value';
import { textFragmentUrl } from './fragment';
import { Ticker, workOf } from './progress';
import { localDateTime } from '../format/date';
import type { ExportItem, ProgressFn } from './types';

/**
 * A Word report through the docx package. docx escapes XML itself; clean() removes the characters
 * XML cannot hold at all, which would otherwise make Word refuse the file. Packed as a Uint8Array
 * ('uint8array' output), which works the same in Node and in an extension page, unlike toBuffer
 * (Node only) or toBlob (no Blob in older Node).
 */

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Microsoft YaHei', cs: 'Calibri' };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** Paragraphs of a multi-line string (a note keeps its line breaks). */
function lines(text: string): Paragraph[] {
  return clean(text)
    .split(/\r\n|\r|\n/)
    .map((l) => new Paragraph({ children: [new TextRun(l)] }));
}

function cell(children: Paragraph[], header = false): TableCell {
  return new TableCell({
    children: children.length ? children : [new Paragraph('')],
    shading: header ? { fill: 'F2F2F2', type: 'clear', color: 'auto' } : undefined,
  });
}

function quoteParagraph(article: ArticleRecord, a: AnnotationRecord): Paragraph {
  const text = clean(a.text || a.selectors.quote.exact);
  const href = textFragmentUrl(article.url, article.text, a, article.pageMap);
  const child: ParagraphChild = href
    ? new ExternalHyperlink({ link: href, children: [new TextRun({ text, style: 'Hyperlink' })] })
    : new TextRun(text);
  return new Paragraph({ children: [child] });
}

function table(head: readonly string[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell([new Paragraph({ children: [new TextRun({ text: h, bold: true })] })], true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

const p = (s: string) => [new Paragraph({ children: [new TextRun(clean(s))] })];

function articleBlocks(article: ArticleRecord, annotations: AnnotationRecord[], heading: (typeof HeadingLevel)[keyof typeof HeadingLevel], timezoneOffset?: number): Array<Paragraph | Table> {
  const sub = heading === HeadingLevel.TITLE ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2;
  const out: Array<Paragraph | Table> = [new Paragraph({ heading, children: [new TextRun(clean(article.title) || '（无标题）')] })];
  for (const [k, v] of metadataRows(article, timezoneOffset)) {
    out.push(new Paragraph({ children: [new TextRun({ text: `${k}：`, bold: true }), new TextRun(v)] }));
  }
  const card = cardLines(exportCard(article, annotations));
  if (card.length) {
    out.push(new Paragraph({ heading: sub, children: [new TextRun(zhTranslate('policyCard.title'))] }));
    for (const [k, v] of card) out.push(new Paragraph({ children: [new TextRun({ text: `${k}：`, bold: true }), new TextRun(v)] }));
  }
  const g = byKind(visibleAnnotations(annotations));
  const targets = g.get('target') ?? [];
  const deadlines = g.get('deadline') ?? [];
  const programs = g.get('program') ?? [];
  const support = g.get('support') ?? [];
  const highlights = g.get('highlight') ?? [];
  const section = (label: string, t: Table) => out.push(new Paragraph({ heading: sub, children: [new TextRun(label)] }), t);
  if (targets.length) section(KIND_LABELS.target, table(['原文', '指标', '数值', '备注'], targets.map((a) => [[quoteParagraph(article, a)], p(targetIndicator(a)), p(formatValue(a)), lines(a.note ?? '')])));
  if (deadlines.length) section(KIND_LABELS.deadline, table(['原文', '期限', '备注'], deadlines.map((a) => [[quoteParagraph(article, a)], p(formatValue(a)), lines(a.note ?? '')])));
  if (programs.length) section(KIND_LABELS.program, table(['名称', '原文', '备注'], programs.map((a) => [p(formatValue(a)), [quoteParagraph(article, a)], lines(a.note ?? '')])));
  if (support.length) section(KIND_LABELS.support, table(['原文', '支持', '适用对象', '备注'], support.map((a) => [[quoteParagraph(article, a)], p(formatValue(a)), p(eligibilityOf(a)), lines(a.note ?? '')])));
  if (highlights.length) section(KIND_LABELS.highlight, table(['原文', '备注', '标签'], highlights.map((a) => [[quoteParagraph(article, a)], lines(a.note ?? ''), p(a.tags.map(clean).join('、'))])));
  if (!targets.length && !deadlines.length && !programs.length && !support.length && !highlights.length) out.push(new Paragraph('（没有标注）'));
  return out;
}

export async function buildDocx(items: readonly ExportItem[], now: Date, onProgress?: ProgressFn, timezoneOffset?: number): Promise<Uint8Array> {
  const ticker = new Ticker(workOf(items), onProgress);
  const single = items.length === 1 ? items[0] : undefined;
  const children: Array<Paragraph | Table> = [];
  const title = single ? clean(single.article.title) : `PolicyLens 政策报告（${items.length} 篇）`;
  if (!single) children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.LEFT,
      // The reader's own clock, its offset written out: a report is read where it was made.
      children: [new TextRun({ text: `由 PolicyLens 政策透镜生成于 ${localDateTime(now.getTime(), timezoneOffset)}`, color: '666666', size: 18 })],
    }),
  );
  for (const { article, annotations } of items) {
    // In a single-article report the article's title is the document's; the generated line goes under it.
    const blocks = articleBlocks(article, annotations, single ? HeadingLevel.TITLE : HeadingLevel.HEADING_1, timezoneOffset);
    if (single) children.unshift(...blocks.splice(0, 1));
    children.push(...blocks);
    await ticker.tick(1 + annotations.length);
  }
  const doc = new Document({
    creator: 'PolicyLens 政策透镜',
    title,
    description: 'PolicyLens export',
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ children }],
  });
  const bytes = await Packer.pack(doc, 'uint8array');
  ticker.finish();
  return bytes;
}
