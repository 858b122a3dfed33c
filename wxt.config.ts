import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import { GECKO_ID } from './lib/identity';
import { SHORTCUTS } from './lib/page/keys';

// jieba-wasm's web build resolves its .wasm with `new URL(..., import.meta.url)`; in the
// background's IIFE build Vite would inline that as 4 MB of base64 and cost every worker start
// 250–400 ms, so the .wasm ships as a file and the background passes its URL to init().
const JIEBA_WASM = 'node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm';
const jiebaWasmAsFile = {
  name: 'policylens:jieba-wasm-as-file',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (id.includes('jieba-wasm/pkg/web/jieba_rs_wasm.js'))
      return code.replace("new URL('jieba_rs_wasm_bg.wasm', import.meta.url)", 'undefined');
    return undefined;
  },
};

/**
 * The oldest Firefox the add-on installs in: 140 (the ESR line before 153), the first with
 * CSS.highlights and data_collection_permissions. .ci/setup fetches this ESR from Debian and the
 * e2e project firefox-140 runs in it (vitest.e2e.config.ts).
 */
export const FIREFOX_MIN_VERSION = '140.0';

/** Icon sizes drawn from assets/icon.svg at build time (@wxt-dev/auto-icons, sharp): none are committed. */
const ICON_SIZES = [16, 32, 48, 128] as const;
const icons = Object.fromEntries(ICON_SIZES.map((size) => [size, `icons/${size}.png`]));

export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/auto-icons'],
  autoIcons: { baseIconPath: 'assets/icon.svg', sizes: [...ICON_SIZES] },
  // Manifest V3 for Firefox too: one background model (event page / service worker) everywhere.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Each one is justified in README.md (## Permissions) and checked by tests/security/manifest-permissions.test.ts.
    // `alarms`: team sync's rounds and deadline reminders; required in both browsers (sync needs it
    // whenever it is on, Firefox cannot make it optional, and neither browser warns about it).
    // `offscreen` (Chrome only; Firefox's background page has a DOM): Readability for pages no site
    // template matches runs in an offscreen document, not in the content script (lib/ext/readability-host.ts).
    permissions: ['storage', 'contextMenus', 'unlimitedStorage', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // Chrome 109: the first with offscreen documents (and so with the CSS Custom Highlight API, 105).
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '109' }),
    // Asked for only when the reader turns deadline reminders on (lib/ext/reminders.ts).
    optional_permissions: ['notifications'],
    // The team's CouchDB server (issue 19): one origin, asked for at runtime when the reader turns
    // sync on (lib/ext/sync.ts). Nothing is granted at install.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The toolbar button uses the same icons (without default_icon Chrome draws a letter).
    action: { default_title: '__MSG_extName__', default_icon: icons },
    // The same keys the content script listens for (lib/page/keys.ts).
    commands: {
      [SHORTCUTS.highlight.command]: { suggested_key: { default: SHORTCUTS.highlight.keys }, description: '__MSG_cmdHighlight__' },
      [SHORTCUTS.next.command]: { suggested_key: { default: SHORTCUTS.next.keys }, description: '__MSG_cmdNext__' },
      [SHORTCUTS.previous.command]: { suggested_key: { default: SHORTCUTS.previous.keys }, description: '__MSG_cmdPrevious__' },
    },
    // WXT emits no CSP in production builds and the browser default forbids compiling WASM.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    // Firefox's alone: Chrome warns of an unrecognised manifest key on its extensions page.
    ...(browser === 'firefox' ? { browser_specific_settings: {
      gecko: {
        // The project owns no domain, so its add-on id is a GUID it minted (a form AMO accepts);
        // an add-on's id can never change once published. README, "Identifiers".
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Nothing leaves the machine unless the reader exports it: declare no data collection.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android learned data_collection_permissions in 142 (web-ext lint).
      gecko_android: { strict_min_version: '142.0' },
    } } : {}),
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve(JIEBA_WASM), relativeDest: 'jieba_rs_wasm_bg.wasm' });
    },
  },
  vite: () => ({
    build: {
      // POLICYLENS_NO_MINIFY=1: readable function names in a CPU profile of the built extension.
      ...(process.env.POLICYLENS_NO_MINIFY ? { minify: false } : {}),
      rollupOptions: {
        // Readability is CommonJS, so Rollup keeps it wherever it is imported, used or not; it has
        // no side effects on load. Chrome's service worker imports the module that holds both
        // Readability's hosts and uses only the offscreen one (lib/ext/readability-host.ts).
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]@mozilla[\\/]readability[\\/]/.test(id) },
      },
    },
    resolve: {
      alias: [
        // WXT's content-script context announces itself on the page, which the page can replay to
        // switch the extension off (issue 14, item 4): ours never touches the page.
        { find: /^wxt\/utils\/content-script-context$/, replacement: resolve('lib/ext/content-lifecycle.ts') },
      ],
    },
    // The dashboard's search box cuts its queries in a worker of its own (lib/ext/query-cutter.ts),
    // which loads jieba like the background: the .wasm as a file.
    worker: { format: 'es' as const, plugins: () => [jiebaWasmAsFile] },
    plugins: [
      jiebaWasmAsFile,
      {
        // The lexicon's explanations (`about`) are for the people who edit the word lists and for
        // `policylens rules`; the extension only matches the words. Left in, they would be a
        // sixth of the content script every page loads.
        name: 'policylens:lexicon-words-only',
        enforce: 'pre' as const,
        transform(code: string, id: string) {
          if (!/[\\/]lib[\\/]lexicon[\\/][^\\/]+\.json$/.test(id)) return undefined;
          const book = JSON.parse(code) as Record<string, unknown>;
          const words: Record<string, unknown> = {};
          for (const [key, entry] of Object.entries(book)) {
            if (key !== '$about') words[key] = { about: '', words: (entry as { words: unknown }).words };
          }
          return { code: JSON.stringify(words), map: null };
        },
      },
    ],
  }),
  zip: { excludeSources: ['tests/**', 'demo-output/**', 'bench-results.json', 'assets/screens/**'] },
});
