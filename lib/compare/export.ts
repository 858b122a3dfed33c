import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { REPORT_CSP, esc } from '../export/html';
import { mdEscape } from '../export/markdown';
import { clean } from '../export/format-value';
import { suggestedFilename } from '../export/filename';
import { MIME, type ExportFile } from '../export';
import { formatDeadline, formatFigure, formatSupport } from '../format/value';
import { zhTranslate, type MessageKey } from '../i18n';
import type { TargetChange, VersionComparison } from './versions';

/**
 * A comparison of two versions as a report (Markdown or a self-contained HTML page), in Chinese
 * like every other report. Text from the articles goes through the exporters' own escapes
 * (mdEscape, esc), so a page's words never become markup.
 */

export type ComparisonFormat = 'md' | 'html' | 'docx';
export const COMPARISON_FORMATS: readonly ComparisonFormat[] = ['md', 'html', 'docx'];

const t = zhTranslate;

function figure(side: TargetChange['before']): string {
  if (!side) return '—';
  const f = formatFigure(side.value);
  return side.deadline ? `${f}（${formatDeadline(side.deadline)}）` : f;
}

const fieldWords = (c: TargetChange) => c.fields.map((f) => t(`compare.field.${f}` as MessageKey)).join('、');
const statusWord = (c: TargetChange) => t(`compare.status.${c.status}` as MessageKey);
const heading = (v: VersionComparison['older']) => `${v.title}${v.publishedAt ? `（${v.publishedAt}）` : ''}`;

export function comparisonMarkdown(cmp: VersionComparison): string {
  const out: string[] = [
    `# ${mdEscape(t('compare.title'))}`, '',
    `- ${t('compare.older')}：${mdEscape(clean(heading(cmp.older)))}`,
    `- ${t('compare.newer')}：${mdEscape(clean(heading(cmp.newer)))}`, '',
    `## ${t('type.target')}`, '',
  ];
  const cell = (s: string) => mdEscape(clean(s)).replace(/\|/g, '\\|');
  out.push(`| ${t('compare.col.indicator')} | ${t('compare.older')} | ${t('compare.newer')} | ${t('compare.col.change')} |`, '|---|---|---|---|');
  for (const c of cmp.targets) out.push(`| ${cell(c.indicator)} | ${cell(figure(c.before))} | ${cell(figure(c.after))} | ${cell(c.status === 'changed' ? fieldWords(c) : statusWord(c))} |`);
  out.push('', `## ${t('type.program')}`, '');
  for (const p of cmp.programs.added) out.push(`- ＋ ${mdEscape(clean(p))}`);
  for (const p of cmp.programs.removed) out.push(`- － ${mdEscape(clean(p))}`);
  if (!cmp.programs.added.length && !cmp.programs.removed.length) out.push(`- ${t('compare.noChange')}`);
  out.push('', `## ${t('type.support')}`, '');
  for (const s of cmp.support.added) out.push(`- ＋ ${mdEscape(clean(formatSupport(s.value)))}：${mdEscape(clean(s.text))}`);
  for (const s of cmp.support.removed) out.push(`- － ${mdEscape(clean(formatSupport(s.value)))}：${mdEscape(clean(s.text))}`);
  if (!cmp.support.added.length && !cmp.support.removed.length) out.push(`- ${t('compare.noChange')}`);
  out.push('', `## ${t('compare.text')}`, '');
  // Added text in bold, cut text struck through: both read in any Markdown viewer.
  for (const p of cmp.paragraphs) {
    if (p.op === 'same') continue;
    if (p.op === 'added') out.push(`＋ **${mdEscape(clean(p.after))}**`, '');
    else if (p.op === 'removed') out.push(`－ ~~${mdEscape(clean(p.before))}~~`, '');
    else if (p.parts) out.push(p.parts.map((x) => (x.op === 'same' ? mdEscape(clean(x.text)) : x.op === 'added' ? `**${mdEscape(clean(x.text))}**` : `~~${mdEscape(clean(x.text))}~~`)).join(''), '');
    else out.push(`－ ~~${mdEscape(clean(p.before))}~~`, '', `＋ **${mdEscape(clean(p.after))}**`, '');
  }
  return out.join('\n') + '\n';
}

const CSS = `
body { font: 15px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
ins { background: #dafbe1; text-decoration: none; } del { background: #ffebe9; }
p.changed, p.added, p.removed { border-left: 3px solid #d0d7de; padding-left: .5rem; }
`;

export function comparisonHtml(cmp: VersionComparison): string {
  const rows = cmp.targets
    .map((c) => `<tr><td>${esc(c.indicator)}</td><td>${esc(figure(c.before))}</td><td>${esc(figure(c.after))}</td><td>${esc(c.status === 'changed' ? fieldWords(c) : statusWord(c))}</td></tr>`)
    .join('\n');
  const list = (added: string[], removed: string[]) =>
    added.length || removed.length ? `<ul>${added.map((x) => `<li><ins>${esc(x)}</ins></li>`).join('')}${removed.map((x) => `<li><del>${esc(x)}</del></li>`).join('')}</ul>` : `<p>${esc(t('compare.noChange'))}</p>`;
  const paras = cmp.paragraphs
    .filter((p) => p.op !== 'same')
    .map((p) => {
      if (p.op === 'added') return `<p class="added"><ins>${esc(p.after)}</ins></p>`;
      if (p.op === 'removed') return `<p class="removed"><del>${esc(p.before)}</del></p>`;
      if (p.parts) return `<p class="changed">${p.parts.map((x) => (x.op === 'same' ? esc(x.text) : x.op === 'added' ? `<ins>${esc(x.text)}</ins>` : `<del>${esc(x.text)}</del>`)).join('')}</p>`;
      return `<p class="changed"><del>${esc(p.before)}</del><br><ins>${esc(p.after)}</ins></p>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<title>${esc(t('compare.title'))}</title><style>${CSS}</style></head><body>
<h1>${esc(t('compare.title'))}</h1>
<p>${esc(t('compare.older'))}：${esc(heading(cmp.older))}<br>${esc(t('compare.newer'))}：${esc(heading(cmp.newer))}</p>
<h2>${esc(t('type.target'))}</h2>
<table><thead><tr><th>${esc(t('compare.col.indicator'))}</th><th>${esc(t('compare.older'))}</th><th>${esc(t('compare.newer'))}</th><th>${esc(t('compare.col.change'))}</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>${esc(t('type.program'))}</h2>
${list(cmp.programs.added, cmp.programs.removed)}
<h2>${esc(t('type.support'))}</h2>
${list(cmp.support.added.map((s) => `${formatSupport(s.value)}：${s.text}`), cmp.support.removed.map((s) => `${formatSupport(s.value)}：${s.text}`))}
<h2>${esc(t('compare.text'))}</h2>
${paras}
</body></html>
`;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Microsoft YaHei', cs: 'Calibri' };
/** Added text underlined on green, cut text struck through on red: Word's own way of showing a revision. */
const run = (text: string, op: 'same' | 'added' | 'removed') =>
  new TextRun(op === 'same' ? clean(text) : op === 'added' ? { text: clean(text), underline: {}, shading: { fill: 'DAFBE1', type: 'clear', color: 'auto' } } : { text: clean(text), strike: true, shading: { fill: 'FFEBE9', type: 'clear', color: 'auto' } });

/** A Word report of a comparison through the docx package (it escapes XML; clean() drops what XML cannot hold). */
export async function comparisonDocx(cmp: VersionComparison): Promise<Uint8Array> {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: clean(text), bold })] })] });
  const head = [t('compare.col.indicator'), t('compare.older'), t('compare.newer'), t('compare.col.change')];
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t('compare.title'))] }),
    new Paragraph({ children: [new TextRun({ text: `${t('compare.older')}：`, bold: true }), new TextRun(clean(heading(cmp.older)))] }),
    new Paragraph({ children: [new TextRun({ text: `${t('compare.newer')}：`, bold: true }), new TextRun(clean(heading(cmp.newer)))] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t('type.target'))] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: BORDERS,
      rows: [
        new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
        ...cmp.targets.map((c) => new TableRow({ children: [cell(c.indicator), cell(figure(c.before)), cell(figure(c.after)), cell(c.status === 'changed' ? fieldWords(c) : statusWord(c))] })),
      ],
    }),
  ];
  const list = (label: string, added: string[], removed: string[]) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(label)] }));
    for (const x of added) children.push(new Paragraph({ children: [run(x, 'added')] }));
    for (const x of removed) children.push(new Paragraph({ children: [run(x, 'removed')] }));
    if (!added.length && !removed.length) children.push(new Paragraph(t('compare.noChange')));
  };
  list(t('type.program'), cmp.programs.added, cmp.programs.removed);
  list(t('type.support'), cmp.support.added.map((s) => `${formatSupport(s.value)}：${s.text}`), cmp.support.removed.map((s) => `${formatSupport(s.value)}：${s.text}`));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t('compare.text'))] }));
  for (const p of cmp.paragraphs) {
    if (p.op === 'same') continue;
    if (p.op === 'added') children.push(new Paragraph({ children: [run(p.after ?? '', 'added')] }));
    else if (p.op === 'removed') children.push(new Paragraph({ children: [run(p.before ?? '', 'removed')] }));
    else if (p.parts) children.push(new Paragraph({ children: p.parts.map((x) => run(x.text, x.op)) }));
    else children.push(new Paragraph({ children: [run(p.before ?? '', 'removed')] }), new Paragraph({ children: [run(p.after ?? '', 'added')] }));
  }
  const doc = new Document({ creator: 'PolicyLens 政策透镜', title: t('compare.title'), styles: { default: { document: { run: { font: FONT, size: 21 } } } }, sections: [{ children }] });
  return Packer.pack(doc, 'uint8array');
}

export async function exportComparison(cmp: VersionComparison, format: ComparisonFormat): Promise<ExportFile> {
  const data = format === 'md' ? comparisonMarkdown(cmp) : format === 'html' ? comparisonHtml(cmp) : await comparisonDocx(cmp);
  return { filename: suggestedFilename({ title: `${t('compare.title')} ${cmp.newer.title}`, date: cmp.newer.publishedAt ?? null, ext: format }), mime: MIME[format], data };
}
