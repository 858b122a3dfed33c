import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '../../lib/ext/rpc';
import type { Translate } from '../../lib/i18n';
import type { PageCapture } from '../../lib/types';
import type { EarlierVersion } from '../../lib/compare/versions';
import type { WatchMatch } from '../../lib/watch';
import PopupHints from '../../components/PopupHints';

/** Wiring only: asks the background what of the watchlist this page matches and which saved articles are earlier versions of it. */
export default function Hints({ capture, savedId, t, onCompare }: { capture: PageCapture; savedId: string | null; t: Translate; onCompare: (older: string, newer: string) => void }) {
  const [matches, setMatches] = useState<WatchMatch[]>([]);
  const [earlier, setEarlier] = useState<EarlierVersion[]>([]);
  useEffect(() => {
    let live = true;
    void askBackground({ type: 'pageWatchMatches', page: capture }).then((m) => live && setMatches(m), () => undefined);
    void askBackground({ type: 'earlierVersions', page: capture }).then((e) => live && setEarlier(e), () => undefined);
    return () => {
      live = false;
    };
  }, [capture, savedId]);
  const program = capture.spans.find((s) => s.type === 'program' && !s.value.aliasOf);
  const watchProgram = async (name: string) => {
    await askBackground({ type: 'addWatch', kind: 'program', value: name }).catch(() => undefined);
    setMatches(await askBackground({ type: 'pageWatchMatches', page: capture }).catch(() => []));
  };
  return (
    <PopupHints matches={matches} earlier={earlier} savedId={savedId} t={t} onCompare={onCompare}
      program={program?.type === 'program' ? program.value.name : null} onWatchProgram={(name) => void watchProgram(name)} />
  );
}
