import { loadJieba } from '../../lib/ext/jieba';
import { serveQueryCutter, type CutterScope } from '../../lib/ext/query-cutter';

// Wiring only: the search box's jieba in a thread of its own (lib/ext/query-cutter.ts). A worker of
// an extension page has no extension APIs, so the .wasm is found from the worker's own address.
serveQueryCutter(self as unknown as CutterScope, () => loadJieba(new URL('/jieba_rs_wasm_bg.wasm', self.location.href)));
