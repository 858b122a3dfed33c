// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import SyncPanel, { SyncLine } from '../../components/SyncPanel';
import ArticleDetail from '../../components/ArticleDetail';
import type { SyncStatus } from '../../lib/sync/service';
import { HOSTILE, annotation, articleRecord, flush, inert, mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  configured: true, enabled: true, server: 'https://couch.example.org', database: 'policy-team', username: 'alice',
  displayName: '爱丽丝', memberId: 'm1', hasPassword: true, running: false, lastSyncedAt: Date.UTC(2026, 0, 5, 8, 0),
  lastAttemptAt: Date.UTC(2026, 0, 5, 8, 0), pending: 0, conflicts: 0, error: null, last: { pulled: 3, pushed: 1, refused: 0 },
  ...over,
});
const time = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const type = (el: HTMLElement, id: string, value: string) => {
  const input = el.querySelector<HTMLInputElement>(`[data-testid=${id}]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('SyncPanel', () => {
  it('shows when the library last synced, what waits, and the last round', () => {
    const el = mount(<SyncPanel t={t} status={status({ pending: 2 })} team={null} onSave={vi.fn()} onSyncNow={vi.fn()} formatTime={time} />);
    expect(el.querySelector('[data-testid=sync-last]')!.textContent).toBe('上次同步：2026-01-05T08:00 · 上次下载 3 项，上传 1 项');
    expect(el.querySelector('[data-testid=sync-pending]')!.textContent).toBe('待上传的更改：2');
    expect(el.querySelector('[data-testid=sync-error]')).toBeNull();
    // The saved settings fill the form; the password never comes back to the page.
    expect(el.querySelector<HTMLInputElement>('[data-testid=sync-server]')!.value).toBe('https://couch.example.org');
    expect(el.querySelector<HTMLInputElement>('[data-testid=sync-password]')!.value).toBe('');
    expect(el.textContent).toContain('已保存，留空则不变');
  });

  it('says why a round failed in words, that nothing is lost, and keeps the detail as text', () => {
    for (const [code, words] of [['auth', '用户名或密码错误'], ['unreachable', '无法连接服务器'], ['diskFull', '存储空间已满'], ['permission', '浏览器尚未允许访问']] as const) {
      const el = mount(<SyncPanel t={t} status={status({ error: { code, detail: HOSTILE, at: 0 }, pending: 4 })} team={null} onSave={vi.fn()} onSyncNow={vi.fn()} />);
      const box = el.querySelector<HTMLElement>('[data-testid=sync-error]')!;
      expect(box.dataset.code).toBe(code);
      expect(box.getAttribute('role')).toBe('alert');
      expect(box.textContent).toContain(words);
      expect(box.textContent).toContain('所有更改都会保留');
      expect(inert(box)).toBe(true);
      unmountAll();
    }
  });

  it('names every problem in the settings before anything is sent', async () => {
    const onSave = vi.fn(async () => undefined);
    const el = mount(<SyncPanel t={t} status={status({ configured: false, enabled: false, server: null, database: null, username: null, displayName: null, hasPassword: false, lastSyncedAt: null, last: null })} team={null} onSave={onSave} onSyncNow={vi.fn()} />);
    expect(el.querySelector('[data-testid=sync-off]')).not.toBeNull();
    type(el, 'sync-server', 'ftp://couch.example.org');
    type(el, 'sync-database', 'Policy Team');
    await flush();
    el.querySelector<HTMLButtonElement>('[data-testid=sync-save]')!.click();
    await flush();
    expect(onSave).not.toHaveBeenCalled();
    const problems = [...el.querySelectorAll('[data-testid=sync-problems] li')].map((li) => li.textContent);
    expect(problems).toEqual([
      '服务器地址须是 http(s) 地址，且不含用户名、密码或查询参数。', '数据库名须以小写字母开头，只含小写字母、数字和 _$()+/-。',
      '请填写用户名。', '请填写显示名字（最多 100 字）。', '启用同步需要密码。',
    ]);
    type(el, 'sync-server', 'http://couch.lan:5984/');
    await flush();
    // Plain http beyond this machine: the password would cross the network in the clear.
    expect(el.querySelector('[data-testid=sync-insecure]')).not.toBeNull();
    expect(el.querySelector('[data-testid=sync-permission]')!.textContent).toContain('http://couch.lan/*');
    type(el, 'sync-server', 'https://couch.example.org/');
    await flush();
    expect(el.querySelector('[data-testid=sync-insecure]')).toBeNull();
    type(el, 'sync-database', 'policy-team');
    type(el, 'sync-username', 'alice');
    type(el, 'sync-password', 's3cret');
    type(el, 'sync-display-name', '爱丽丝');
    await flush();
    el.querySelector<HTMLButtonElement>('[data-testid=sync-save]')!.click();
    await flush();
    expect(onSave).toHaveBeenCalledWith({ enabled: true, server: 'https://couch.example.org/', database: 'policy-team', username: 'alice', password: 's3cret', displayName: '爱丽丝' });
    await flush();
    expect(el.querySelector('[data-testid=sync-saved]')).not.toBeNull();
    expect(el.querySelector<HTMLInputElement>('[data-testid=sync-password]')!.value).toBe('');
  });

  it('keeps the saved password when the field is left empty, and syncs on request', async () => {
    const onSave = vi.fn(async () => undefined);
    const onSyncNow = vi.fn(async () => undefined);
    const el = mount(<SyncPanel t={t} status={status()} team={null} onSave={onSave} onSyncNow={onSyncNow} />);
    await flush();
    el.querySelector<HTMLButtonElement>('[data-testid=sync-save]')!.click();
    await flush();
    expect(onSave).toHaveBeenCalledWith({ enabled: true, server: 'https://couch.example.org', database: 'policy-team', username: 'alice', displayName: '爱丽丝' });
    el.querySelector<HTMLButtonElement>('[data-testid=sync-now]')!.click();
    expect(onSyncNow).toHaveBeenCalledTimes(1);
    const running = mount(<SyncPanel t={t} status={status({ running: true })} team={null} onSave={onSave} onSyncNow={onSyncNow} />);
    expect(running.querySelector<HTMLButtonElement>('[data-testid=sync-now]')!.disabled).toBe(true);
  });

  it('lists the team with each member\'s highlighted articles, names as text', () => {
    const team = { me: 'm1', members: [{ id: 'm1', name: '爱丽丝' }, { id: 'm2', name: HOSTILE }], highlightsBy: { m1: ['a1', 'a2'], m2: ['a1'] } };
    const el = mount(<SyncPanel t={t} status={status()} team={team} onSave={vi.fn()} onSyncNow={vi.fn()} />);
    const items = [...el.querySelectorAll('[data-testid=sync-members] li')].map((li) => li.textContent);
    expect(items[0]).toBe('爱丽丝（我） · 2 篇文章有标注');
    expect(items[1]).toContain('1 篇文章有标注');
    expect(inert(el.querySelector('[data-testid=sync-members]')!)).toBe(true);
  });

  it('gives the popup one line, and none when sync is off', () => {
    expect(mount(<SyncLine t={t} status={status({ enabled: false })} />).textContent).toBe('');
    const line = mount(<SyncLine t={t} status={status({ pending: 3, error: { code: 'unreachable', detail: 'fetch failed', at: 0 } })} formatTime={time} />);
    expect(line.textContent).toBe('团队同步：上次同步：2026-01-05T08:00 · 待上传的更改：3 · 无法连接服务器：可能已离线、地址有误或服务器已停止。');
  });
});

describe('ArticleDetail with a team', () => {
  const withTeam = () => ({
    article: articleRecord({ savedBy: 'm2' }),
    annotations: [
      annotation({ id: 'h1', type: 'highlight', origin: 'manual', text: '培育专精特新企业', author: 'm2', note: '爱丽丝的版本', noteVersions: [{ note: '鲍勃的版本', by: 'm3' }] }),
      annotation({ id: 'h2', type: 'highlight', origin: 'manual', text: '每季度' }),
    ],
  });
  const props = (onSaveAnnotation = vi.fn(async () => undefined)) => ({
    detail: withTeam(), today: '2025-12-01', t, members: { m2: '爱丽丝', m3: '鲍勃' },
    onSaveAnnotation, onDeleteAnnotation: vi.fn(), onDeleteArticle: vi.fn(), onClose: vi.fn(),
  });

  it('names whose highlight is whose; the reader\'s own carry no name', () => {
    const el = mount(<ArticleDetail {...props()} />);
    expect(el.querySelector('[data-annotation=h1] [data-testid=author]')!.textContent).toBe('爱丽丝');
    expect(el.querySelector('[data-annotation=h2] [data-testid=author]')).toBeNull();
  });

  it('shows a note written at the same time beside the note, with its writer, until one is kept', async () => {
    const onSave = vi.fn(async () => undefined);
    const el = mount(<ArticleDetail {...props(onSave)} />);
    const item = el.querySelector('[data-annotation=h1]')!;
    expect(item.querySelector<HTMLTextAreaElement>('textarea')!.value).toBe('爱丽丝的版本');
    const version = item.querySelector('[data-testid=note-version]')!;
    expect(version.textContent).toContain('鲍勃 同时写的另一版本：');
    expect(version.textContent).toContain('鲍勃的版本');
    version.querySelector<HTMLButtonElement>('[data-testid=keep-version]')!.click();
    await flush();
    expect(onSave).toHaveBeenCalledWith('h1', { note: '鲍勃的版本', tags: [], noteVersions: null });
    expect(item.querySelector<HTMLTextAreaElement>('textarea')!.value).toBe('鲍勃的版本');
    item.querySelector<HTMLButtonElement>('[data-testid=keep-mine]')!.click();
    await flush();
    expect(onSave).toHaveBeenLastCalledWith('h1', { note: '爱丽丝的版本', tags: [], noteVersions: null });
  });
});
