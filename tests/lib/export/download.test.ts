import { describe, expect, it } from 'vitest';
import { base64, toBlob, toDataUrl } from '../../../lib/export/download';

describe('download helpers', () => {
  it('encodes text as UTF-8, BOM and Chinese included', async () => {
    const file = { filename: 'a.csv', mime: 'text/csv;charset=utf-8', data: '\uFEFF"标题"\r\n"𠮷"' };
    const blob = toBlob(file);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(await blob.text()).toBe(file.data.slice(1)); // decoders drop the BOM they read; the bytes above keep it
    const url = toDataUrl(file);
    expect(url.startsWith('data:text/csv;charset=utf-8;base64,')).toBe(true);
    const back = Uint8Array.from(atob(url.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(back)).toBe(file.data.slice(1)); // TextDecoder drops the BOM it reads
    expect(back.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('keeps bytes exact, including a view into a larger buffer and more than one chunk', async () => {
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const view = big.subarray(10, 70_010);
    expect(base64(view)).toBe(Buffer.from(view).toString('base64'));
    // Every padding case, through the portable path (hide the engine's toBase64 if it has one).
    const proto = Uint8Array.prototype as unknown as Record<string, unknown>;
    const own = Object.getOwnPropertyDescriptor(proto, 'toBase64');
    if (own) delete proto.toBase64;
    try {
      for (let k = 0; k <= 7; k++) expect(base64(big.subarray(3, 3 + k))).toBe(Buffer.from(big.subarray(3, 3 + k)).toString('base64'));
      expect(base64(view)).toBe(Buffer.from(view).toString('base64'));
    } finally {
      if (own) Object.defineProperty(proto, 'toBase64', own);
    }
    const blob = toBlob({ filename: 'r.docx', mime: 'application/octet-stream', data: view });
    expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(view))).toBe(true);
  });
});
