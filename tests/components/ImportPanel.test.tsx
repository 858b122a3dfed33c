// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import ImportPanel from '../../components/ImportPanel';
import { HOSTILE, inert, mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

describe('ImportPanel', () => {
  it('backs up, hands over the chosen file and clears the input for the next choice', () => {
    const onBackup = vi.fn();
    const onImport = vi.fn();
    const el = mount(<ImportPanel t={t} onBackup={onBackup} onImport={onImport} />);
    el.querySelector<HTMLButtonElement>('[data-testid=backup]')!.click();
    expect(onBackup).toHaveBeenCalled();
    const input = el.querySelector<HTMLInputElement>('[data-testid=import-file]')!;
    const file = new File(['{}'], 'backup.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onImport).toHaveBeenCalledWith(file);
  });

  it('reports an import in counts', () => {
    const report = { ok: true as const, added: { articles: 2, annotations: 30, settings: 1, watches: 3 }, merged: { articles: 1, annotations: 4, settings: 0, watches: 1 }, articleIds: [], warnings: [], warningProblems: [] };
    const el = mount(<ImportPanel t={t} onBackup={vi.fn()} onImport={vi.fn()} report={report} />);
    expect(el.querySelector('[data-testid=import-report]')!.textContent).toBe('导入完成：新增 2 篇文章、30 条标注、1 项设置、3 项关注；合并 1 篇文章、4 条标注、0 项设置、1 项关注。');
  });

  it('lists every error under a sentence saying nothing changed, hostile text inert', () => {
    const report = {
      ok: false as const,
      errors: ['articles[0].title: expected string', `annotations[3].note: ${HOSTILE}`, 'exportedAt: required'],
      problems: [
        { code: 'invalid' as const, where: { collection: 'articles' as const, index: 0, id: 'a1' }, field: 'title', detail: 'type' as const },
        { code: 'invalid' as const, where: { collection: 'annotations' as const, index: 3 }, field: 'note', detail: 'other' as const, params: { message: HOSTILE } },
        { code: 'missing' as const, field: 'exportedAt' },
      ],
    };
    const el = mount(<ImportPanel t={t} onBackup={vi.fn()} onImport={vi.fn()} report={report} />);
    const box = el.querySelector('[data-testid=import-report]')!;
    expect(box.getAttribute('role')).toBe('alert');
    expect(box.querySelector('p')!.textContent).toContain('导入失败，资料库没有任何改动');
    // In the reader's words: which record, which field, what is wrong; never "exportedAt: required".
    expect([...box.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '第 1 篇文章 (a1)的标题不对：类型不对。',
      `第 4 条标注的笔记不对：${HOSTILE}。`,
      '文件缺少导出时间。',
    ]);
    expect(inert(el)).toBe(true);
  });

  it('holds both buttons while busy and shows a file problem', () => {
    const el = mount(<ImportPanel t={t} onBackup={vi.fn()} onImport={vi.fn()} busy error="文件太大，无法导入" />);
    expect(el.querySelector<HTMLButtonElement>('[data-testid=backup]')!.disabled).toBe(true);
    expect(el.querySelector<HTMLInputElement>('[data-testid=import-file]')!.disabled).toBe(true);
    expect(el.querySelector('[data-testid=import-error]')!.textContent).toBe('文件太大，无法导入');
  });
});
