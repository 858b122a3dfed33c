import { serveOffscreen } from '../../lib/ext/readability-host';

// Wiring only: Chrome's offscreen document, where Readability gets the DOM a service worker lacks.
serveOffscreen();
