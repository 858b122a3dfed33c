import { render } from 'preact';
import App from './App';
import './dashboard.css';

render(<App />, document.getElementById('app')!);
