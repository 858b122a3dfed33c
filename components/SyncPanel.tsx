import { useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../lib/i18n';
import { checkSettings, isInsecure, originPattern, type ConfigProblem, type SyncSettingsInput } from '../lib/sync/config';
import type { SyncStatus, TeamView } from '../lib/sync/service';

/**
 * The team library's settings and state (issue 19): where the team's CouchDB is, who this reader
 * is to the team, when the library last synced, what waits to be sent, and why the last round
 * failed, in words. Presentational: saving (with the browser's permission request) and syncing
 * are callbacks. Everything from the server or the team (names, error details) is text.
 */
export interface SyncPanelProps {
  t: Translate;
  status: SyncStatus | null;
  team: TeamView | null;
  /** Save the settings; the caller asks the browser for the server's origin first (needs this click). */
  onSave: (input: SyncSettingsInput) => Promise<void>;
  onSyncNow: () => Promise<void>;
  /** Shows a time to the reader (the page's locale). */
  formatTime?: (ms: number) => string;
}

const localTime = (ms: number) => new Date(ms).toLocaleString();

/**
 * One line for the popup: when the team library last synced and what waits, or why it could not.
 * Nothing when sync is off.
 */
export function SyncLine({ t, status, formatTime = localTime }: { t: Translate; status: SyncStatus | null; formatTime?: (ms: number) => string }) {
  if (!status?.enabled) return null;
  const when = status.lastSyncedAt ? t('sync.last', { time: formatTime(status.lastSyncedAt) }) : t('sync.never');
  return (
    <p class={status.error ? 'sync-line warning' : 'sync-line muted'} data-testid="popup-sync" data-code={status.error?.code ?? ''}>
      {t('punct.labelled', { label: t('popup.sync'), value: status.running ? t('sync.running') : when })}
      {status.pending ? ` · ${t('sync.pending', { n: status.pending })}` : ''}
      {status.error ? ` · ${t(`sync.error.${status.error.code}` as MessageKey)}` : ''}
    </p>
  );
}

export function problemsOf(input: SyncSettingsInput, status: SyncStatus | null): ConfigProblem[] {
  // The saved password counts as given when the form leaves it empty (the service keeps it).
  return [...new Set(checkSettings(input, status?.hasPassword ? { password: 'kept' } : null))];
}

export default function SyncPanel({ t, status, team, onSave, onSyncNow, formatTime = localTime }: SyncPanelProps) {
  // The form starts from the saved settings (the caller renders it once the status is known, so
  // nothing the reader has typed is overwritten by a late answer). A reader who opens the form
  // has come to turn sync on; a saved choice wins.
  const [enabled, setEnabled] = useState(status?.configured ? status.enabled : true);
  const [server, setServer] = useState(status?.server ?? '');
  const [database, setDatabase] = useState(status?.database ?? '');
  const [username, setUsername] = useState(status?.username ?? '');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(status?.displayName ?? '');
  const [problems, setProblems] = useState<ConfigProblem[]>([]);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');

  const input: SyncSettingsInput = { enabled, server, database, username, displayName, ...(password ? { password } : {}) };
  const origin = originPattern(server);

  async function submit(e: Event) {
    e.preventDefault();
    const found = problemsOf(input, status);
    setProblems(found);
    if (found.length) return;
    setState('saving');
    try {
      await onSave(input);
      setPassword('');
      setState('saved');
    } catch {
      setState('idle');
    }
  }

  const names = new Map((team?.members ?? []).map((m) => [m.id, m.name]));
  const error = status?.enabled ? status.error : null;
  return (
    <section class="sync" data-testid="sync">
      <h3>{t('sync.title')}</h3>
      <p class="hint">{t('sync.intro')}</p>

      {/* data-attempted-at, when the last round began: whoever waits for a round to end (the e2e
          tests) waits for it to pass what it read before, since a fast round flips data-running
          and back before anyone looks. */}
      {status?.enabled ? (
        <div class="sync-status" data-testid="sync-status" data-running={String(status.running)} data-attempted-at={status.lastAttemptAt ?? ''}>
          <p data-testid="sync-last">
            {status.lastSyncedAt ? t('sync.last', { time: formatTime(status.lastSyncedAt) }) : t('sync.never')}
            {status.last ? (
              <span data-testid="sync-result">
                {' · '}{t('sync.result', { pulled: status.last.pulled, pushed: status.last.pushed })}
                {status.last.refused ? t('sync.refused', { n: status.last.refused }) : null}
              </span>
            ) : null}
          </p>
          <p data-testid="sync-pending">{t('sync.pending', { n: status.pending })}</p>
          {status.conflicts ? <p class="warning" data-testid="sync-conflicts">{t('sync.conflicts', { n: status.conflicts })}</p> : null}
          {error ? (
            <div class="warning" role="alert" data-testid="sync-error" data-code={error.code}>
              <p>{t(`sync.error.${error.code}` as MessageKey)}{t('sync.errorAt', { time: formatTime(error.at) })}</p>
              <p>{t('sync.keepsWorking')}</p>
              {error.detail ? <p class="detail"><small>{error.detail}</small></p> : null}
            </div>
          ) : null}
          <button type="button" data-testid="sync-now" disabled={status.running} onClick={() => void onSyncNow()}>
            {status.running ? t('sync.running') : t('sync.now')}
          </button>
        </div>
      ) : (
        <p data-testid="sync-off">{t('sync.off')}</p>
      )}

      <form onSubmit={(e) => void submit(e)} data-testid="sync-form" novalidate>
        <label class="check">
          <input type="checkbox" data-testid="sync-enabled" checked={enabled} onChange={(e) => setEnabled((e.target as HTMLInputElement).checked)} />
          {' '}{t('sync.enabled')}
        </label>
        <label>
          {t('sync.server')}
          <input type="url" data-testid="sync-server" placeholder="https://couch.example.org" value={server} maxLength={2000}
            onInput={(e) => setServer((e.target as HTMLInputElement).value)} />
        </label>
        {isInsecure(server) ? <p class="warning" data-testid="sync-insecure">{t('sync.insecure')}</p> : null}
        {enabled && origin ? <p class="hint" data-testid="sync-permission">{t('sync.permissionAsk', { origin })}</p> : null}
        <label>
          {t('sync.database')}
          <input data-testid="sync-database" placeholder="policy-team" value={database} maxLength={240}
            onInput={(e) => setDatabase((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('sync.username')}
          <input data-testid="sync-username" autocomplete="username" value={username} maxLength={200}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('sync.password')}{status?.hasPassword ? ` ${t('sync.passwordKept')}` : ''}
          <input type="password" data-testid="sync-password" autocomplete="current-password" value={password} maxLength={1000}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </label>
        <p class="hint">{t('sync.passwordLocal')}</p>
        <label>
          {t('sync.displayName')}
          <input data-testid="sync-display-name" value={displayName} maxLength={100}
            onInput={(e) => setDisplayName((e.target as HTMLInputElement).value)} />
        </label>
        {problems.length ? (
          <ul class="warning" role="alert" data-testid="sync-problems">
            {problems.map((p) => <li key={p}>{t(`sync.problem.${p}` as MessageKey)}</li>)}
          </ul>
        ) : null}
        <button type="submit" data-testid="sync-save" disabled={state === 'saving'}>{t('sync.save')}</button>
        {state === 'saved' ? <span class="saved" data-testid="sync-saved">{t('sync.saved')}</span> : null}
      </form>

      {team && team.members.length ? (
        <section data-testid="sync-members">
          <h4>{t('sync.members')}</h4>
          <ul>
            {team.members.map((m) => (
              <li key={m.id} data-member={m.id}>
                {names.get(m.id)}{m.id === team.me ? t('sync.me') : ''}
                {' · '}{t('sync.memberHighlights', { n: team.highlightsBy[m.id]?.length ?? 0 })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
