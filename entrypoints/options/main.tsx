import { render } from 'preact';
import App from './App';
import { setupPage, type PageSetup } from '../../lib/ext/page-setup';
import './options.css';

const root = document.getElementById('app')!;
const show = (setup: PageSetup) => render(<App setup={setup} />, root);
// The options change the language and colours of this very page: it re-renders in place.
void setupPage('options.title', show).then(show);
