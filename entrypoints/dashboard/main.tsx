import { render } from 'preact';
import App from './App';
import { setupPage } from '../../lib/ext/page-setup';
import { startQueryCutter, type CutterWorker, type QueryCutter } from '../../lib/ext/query-cutter';
import './dashboard.css';

// The search box's jieba (lib/ext/query-cutter.ts) builds its dictionary in a thread of its own,
// ~0.45 s of a core. Started with the page it cost the first rows, which every opening waits for,
// 0.5 s on a 2-core machine at 10k articles (worker stopped); started once they are painted, it
// is ready before a query is typed. A search asked sooner starts it at once.
let cutter: QueryCutter | null = null;
const startCutter = () =>
  (cutter ??= startQueryCutter(
    () => new Worker(new URL('./query-cutter.worker.ts', import.meta.url), { type: 'module' }) as unknown as CutterWorker,
    // For the reader nothing shows; the end-to-end tests read it (both browsers must run the worker).
    { onState: (s) => { document.documentElement.dataset.queryCutter = s; } },
  ));
const afterPaint = (f: () => void) => requestAnimationFrame(() => setTimeout(f, 0));

// Language and colours first (lib/ext/page-setup); a change in the options page reloads the library in it.
void setupPage('dashboard.title', () => location.reload()).then(({ t, locale }) =>
  render(<App t={t} locale={locale} cutQuery={(text) => startCutter().terms(text)} onFirstRows={() => afterPaint(startCutter)} />, document.getElementById('app')!),
);
