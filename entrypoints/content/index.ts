import { defineContentScript } from '#imports';
import { parseContentRequest } from '../../lib/messages/content';
import { serve } from '../../lib/ext/rpc';
import { PageSession } from './page-session';

// Wiring only: finding, highlighting and anchoring live in page-session.ts and lib/.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const session = new PageSession();
    const unserve = serve(parseContentRequest, (request) => session.answer(request));
    session.ui.start();
    void session.run();
    ctx.onInvalidated(() => {
      unserve();
      session.stop();
    });
  },
});
