import { defineContentScript } from '#imports';
import { contentRequestSchema } from '../../lib/messages';
import { serve } from '../../lib/ext/rpc';
import { PageSession } from './page-session';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    const session = new PageSession();
    serve(contentRequestSchema, (request) => session.answer(request));
    void session.run();
  },
});
