import { describe, expect, it } from 'vitest';
import { buildMarkdown, yamlString } from '../../../lib/export/markdown';
import { article, annotate, miitItem, shanxiItem } from './fixtures';
import { firstMatch, parseFrontMatter, readDirective } from './helpers';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));

describe('Markdown export', () => {
  it('has front matter that parses back to the article', async () => {
    const item = shanxiItem();
    const md = await buildMarkdown([item], NOW);
    const { data } = parseFrontMatter(md);
    const a = item.article;
    expect(data).toEqual({
      title: a.title,
      url: a.url,
      site: a.site,
      date: a.publishedAt,
      region: a.region,
      agencies: a.agencies,
      docNumber: a.docNumber,
      programs: ['山西省企业技术创新能力提升2023年行动计划'],
      tags: ['企业培育', '创新', '平台'].sort(),
      saved: new Date(a.savedAt).toISOString(),
    });
  });

  it('escapes YAML so a hostile title cannot add keys or end the block', async () => {
    const title = 'yes\n---\nevil: true\n"quoted" \\ back # not a comment\u2028\u0007: x';
    const a = article({ id: 'y', title, site: '- [list]', region: null, agencies: [], docNumber: '' });
    const { data, body } = parseFrontMatter(await buildMarkdown([{ article: a, annotations: [] }], NOW));
    expect(data.title).toBe(title);
    expect(data.site).toBe('- [list]');
    expect(data.agencies).toEqual([]);
    expect('evil' in data).toBe(false);
    expect(body).toContain('（没有标注）');
    // In the body the title stays one heading line: its newlines cannot start a block of their own.
    expect(body.split('\n').filter((l) => l.startsWith('#') && l !== '## 政策卡片')).toHaveLength(1);
    expect(body.split('\n')).not.toContain('---');
    for (const s of ['', 'null', 'true', '0x1F', '\uFEFF', '𠮷']) expect(JSON.parse(yamlString(s))).toBe(s);
  });

  it('lists each type in its section with readable values, notes and links', async () => {
    const item = shanxiItem();
    const md = await buildMarkdown([item], NOW);
    const { body } = parseFrontMatter(md);
    const headings = body.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([`# ${item.article.title}`, '## 政策卡片', '## 目标', '## 期限', '## 项目', '## 我的标注']);

    const section = (name: string) => body.split(`## ${name}\n`)[1]!.split('\n## ')[0]!;
    expect(section('目标')).toContain('— 20 户以上');
    expect(section('目标')).toContain('- 备注：比2022年多8户，需跟踪\\\n    第二行：与工信部名单对照');
    expect(section('期限')).toContain('— 截止 2025-12-31');
    expect(section('期限')).toContain('— 周期 · 每季度');
    expect(section('项目')).toContain('行动计划（全称：山西省企业技术创新能力提升2023年行动计划）');
    expect(section('我的标注')).toContain('- 标签：平台');
    // The dismissed target is left out.
    expect(body).not.toContain('新认定省级企业技术中心100家');

    const links = [...body.matchAll(/\]\(<([^>]+)>\)/g)].map((m) => m[1]!);
    const shown = item.annotations.filter((a) => !a.dismissed);
    expect(links).toHaveLength(shown.length);
    for (const link of links) {
      const d = readDirective(link);
      const hit = firstMatch(item.article.text, d);
      expect(hit, link).not.toBeNull();
      expect(shown.some((a) => a.selectors.position.start === hit![0] && a.selectors.position.end === hit![1])).toBe(true);
    }
    // The raw line reads: the link's terms are the quote and its context as written, not %E5%9F%B9….
    const line = body.split('\n').find((l) => l.startsWith('- [培育省级技术创新示范企业20户以上]'))!;
    expect(line).toMatch(/#:~:text=[^>]*培育省级技术创新示范企业20户以上/);
    expect(line).not.toMatch(/%E[0-9A-F]/);
  });

  it('opens each article with its policy card, and puts the card\'s dates in the front matter', async () => {
    const a = article({ id: 'card', text: '太原市人民政府\n本办法自2024年4月1日起施行，有效期3年。\n对首次认定的企业给予奖励50万元。', publishedAt: '2024-03-20' });
    const reward = annotate(a, 'support', '给予奖励50万元', { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' }, eligibility: { text: '对首次认定的企业' } });
    const { data, body } = parseFrontMatter(await buildMarkdown([{ article: a, annotations: [reward] }], NOW));
    expect(data.effective).toBe('2024-04-01');
    expect(data.expires).toBe('2027-03-31');
    const card = body.split('## 政策卡片\n')[1]!.split('\n## ')[0]!;
    expect(card).toContain('- 发文机关：山西省工业和信息化厅');
    expect(card).toContain('- 发文字号：晋工信科技字〔2026〕112号');
    expect(card).toContain('- 施行日期：2024-04-01');
    expect(card).toContain('- 有效期至：2027-03-31');
    expect(card).toContain('- 给予的支持：奖励 50 万元（适用对象：对首次认定的企业）');
  });

  it('escapes Markdown and Obsidian syntax in quotes and notes', async () => {
    const a = article({ id: 'm', text: '目标[[内部链接]]==高亮==和<b>标签</b>' });
    const ann = annotate(a, 'highlight', '[[内部链接]]==高亮==', undefined, { note: '# 不是标题\n- 不是列表\n1. 不是编号 %%注释%% $x$' });
    const md = await buildMarkdown([{ article: a, annotations: [ann] }], NOW);
    expect(md).toContain('\\[\\[内部链接\\]\\]\\=\\=高亮\\=\\=');
    expect(md).toContain('备注：\\# 不是标题');
    expect(md).toContain('\\- 不是列表');
    expect(md).toContain('1\\. 不是编号 \\%\\%注释\\%\\% \\$x\\$');
    expect(md).not.toMatch(/^\s*#\s不是标题/m);
  });

  it('puts several articles in one note, each with its metadata', async () => {
    const items = [shanxiItem('sx-a'), miitItem()];
    const md = await buildMarkdown(items, NOW);
    const { data, body } = parseFrontMatter(md);
    expect(data.articles).toBe(2);
    expect(data.exported).toBe(NOW.toISOString());
    expect(body.match(/^# /gm)).toHaveLength(2);
    expect(body).toContain('docNumber: "工信部联企业〔2024〕11号"');
    expect(body.match(/^```yaml$/gm)).toHaveLength(2);
  });
});
