import { render } from 'preact';
import App from './App';
import { setupPage } from '../../lib/ext/page-setup';
import './dashboard.css';

// Language and colours first (lib/ext/page-setup); a change in the options page reloads the library in it.
void setupPage('dashboard.title', () => location.reload()).then(({ t, locale }) => render(<App t={t} locale={locale} />, document.getElementById('app')!));
