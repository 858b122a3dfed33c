import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * Two versions of one real policy text, for issue 18's e2e test and screenshots: the final text is
 * the sample site's page of dev text 129 (东阳); its draft is a copy of that page edited as
 * tests/fixtures/versions/dongyang-draft.txt is (a 征求意见稿 with lower figures and an earlier
 * deadline). Served from a server of their own, /zwgk/final.html and /zwgk/draft.html.
 */

export const FINAL_HTML = readFileSync(join(import.meta.dirname, '../fixtures/pages/corpus-129/source.html'), 'utf8');
export const TITLE = '东阳市人民政府办公室 关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知';
export const DRAFT_TITLE = '关于公开征求《东阳市促进残疾人就业行动实施方案(2023—2025年)(征求意见稿)》意见的通知';
const REVISION: readonly [string, string][] = [
  [TITLE, DRAFT_TITLE],
  ['2023-03-21', '2023-01-16'],
  ['已经市政府同意,现印发你们,请结合实际认真贯彻落实。', '现全文公布,征求意见截止时间为2023年2月15日。'],
  ['到2025年,全市新增残疾人就业800人以上', '到2024年底,全市新增残疾人就业600人以上'],
  ['1300人次以上', '1000人次以上'],
  ['公益性岗位70个以上', '公益性岗位50个以上'],
  ['就业率达60%以上', '就业率达55%以上'],
];

export function draftHtml(): string {
  let html = FINAL_HTML;
  for (const [from, to] of REVISION) {
    if (!html.includes(from)) throw new Error(`fixture: "${from}" not in the page`);
    html = html.split(from).join(to);
  }
  return html;
}

/** Serve the pair on 127.0.0.1; resolves with the base URL and a close. */
export async function serveVersionPair(): Promise<{ base: string; close: () => Promise<void> }> {
  const pages: Record<string, string> = { '/zwgk/final.html': FINAL_HTML, '/zwgk/draft.html': draftHtml() };
  const server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
