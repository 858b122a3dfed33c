import { useEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '../../lib/ext/rpc';
import { requestServerAccess } from '../../lib/ext/sync';
import type { Translate } from '../../lib/i18n';
import type { SyncSettingsInput } from '../../lib/sync/config';
import type { SyncStatus, TeamView } from '../../lib/sync/service';
import SyncPanel from '../../components/SyncPanel';

/** While a round runs, the status is asked for this often. */
const POLL_MS = 1000;

/**
 * Wiring for the team view: the background holds the settings and runs the rounds; this page asks
 * the browser for the server's origin, because only a page can, and only on the reader's click.
 */
export default function TeamSync({ t, onError, onTeam, onSynced }: {
  t: Translate; onError: (e: unknown) => void; onTeam: (team: TeamView) => void;
  /** A round has finished since the last look: the lists on the other views may have changed. */
  onSynced: () => void;
}) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [team, setTeam] = useState<TeamView | null>(null);
  const lastSeen = useRef<number | null | undefined>(undefined);

  async function refresh() {
    const [s, tv] = await Promise.all([askBackground({ type: 'getSyncStatus' }), askBackground({ type: 'getTeam' })]);
    setStatus(s);
    setTeam(tv);
    onTeam(tv);
    if (lastSeen.current !== undefined && s.lastSyncedAt !== lastSeen.current) onSynced();
    lastSeen.current = s.lastSyncedAt;
    return s;
  }

  useEffect(() => {
    void refresh().catch(onError);
  }, []);

  useEffect(() => {
    if (!status?.running) return;
    const timer = setInterval(() => void refresh().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [status?.running]);

  async function save(input: SyncSettingsInput) {
    // First, while the click still counts as the reader's: the browser shows its own prompt.
    // Refused, the settings are kept anyway and the status says what is missing.
    if (input.enabled) await requestServerAccess(input.server).catch(() => false);
    try {
      setStatus(await askBackground({ type: 'configureSync', ...input }));
      // The background starts a first round at once; show it running, then its result.
      await refresh();
    } catch (e) {
      onError(e);
      throw e;
    }
  }

  async function syncNow() {
    try {
      setStatus((s) => (s ? { ...s, running: true } : s));
      await askBackground({ type: 'syncNow' });
      await refresh();
    } catch (e) {
      onError(e);
    }
  }

  // The form appears with the saved settings in it, never before (see SyncPanel).
  if (!status) return <p class="muted" data-testid="sync-loading">{t('dash.busy.load')}</p>;
  return <SyncPanel t={t} status={status} team={team} onSave={save} onSyncNow={syncNow} />;
}
