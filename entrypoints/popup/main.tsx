import { render } from 'preact';
import App from './App';
import { setupPage } from '../../lib/ext/page-setup';
import './popup.css';

// Language and colours first (lib/ext/page-setup): the popup opens in the reader's language.
void setupPage('appName', () => location.reload()).then(({ t }) => render(<App t={t} />, document.getElementById('app')!));
