import { render } from 'preact';
import App from './App';
import { setupPage } from '../../lib/ext/page-setup';
import { startQueryCutter, type CutterWorker } from '../../lib/ext/query-cutter';
import './dashboard.css';

// First, so jieba's dictionary is built in its own thread while the background lists the library.
const cutter = startQueryCutter(
  () => new Worker(new URL('./query-cutter.worker.ts', import.meta.url), { type: 'module' }) as unknown as CutterWorker,
  // For the reader nothing shows; the end-to-end tests read it (both browsers must run the worker).
  { onState: (s) => { document.documentElement.dataset.queryCutter = s; } },
);

// Language and colours first (lib/ext/page-setup); a change in the options page reloads the library in it.
void setupPage('dashboard.title', () => location.reload()).then(({ t, locale }) => render(<App t={t} locale={locale} cutQuery={cutter.terms} />, document.getElementById('app')!));
