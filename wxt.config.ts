import { defineConfig } from 'wxt';
import { resolve } from 'node:path';

// jieba-wasm's web build resolves its .wasm with `new URL(..., import.meta.url)`; in the
// background's IIFE build Vite would inline that as 4 MB of base64 and cost every worker start
// 250–400 ms, so the .wasm ships as a file and the background passes its URL to init().
const JIEBA_WASM = 'node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm';

export default defineConfig({
  imports: false,
  // Manifest V3 for Firefox too: one background model (event page / service worker) everywhere.
  manifestVersion: 3,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Each one is justified in README.md (## Permissions) and checked by tests/security/manifest-permissions.test.ts.
    permissions: ['storage', 'contextMenus', 'unlimitedStorage'],
    action: { default_title: '__MSG_extName__' },
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_cmdHighlight__',
      },
    },
    // WXT emits no CSP in production builds and the browser default forbids compiling WASM.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    browser_specific_settings: {
      // Nothing leaves the machine unless the reader exports it: declare no data collection.
      gecko: { id: 'policylens@example.org', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
    },
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve(JIEBA_WASM), relativeDest: 'jieba_rs_wasm_bg.wasm' });
    },
  },
  vite: () => ({
    resolve: {
      alias: [
        // WXT's content-script context announces itself on the page, which the page can replay to
        // switch the extension off (issue 14, item 4): ours never touches the page.
        { find: /^wxt\/utils\/content-script-context$/, replacement: resolve('lib/ext/content-lifecycle.ts') },
      ],
    },
    plugins: [
      {
        name: 'policylens:jieba-wasm-as-file',
        enforce: 'pre' as const,
        transform(code: string, id: string) {
          if (id.includes('jieba-wasm/pkg/web/jieba_rs_wasm.js'))
            return code.replace("new URL('jieba_rs_wasm_bg.wasm', import.meta.url)", 'undefined');
          return undefined;
        },
      },
    ],
  }),
  zip: { excludeSources: ['tests/**', 'demo-output/**', 'bench-results.json'] },
});
