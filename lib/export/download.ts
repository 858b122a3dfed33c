import type { ExportFile } from './types';

/**
 * Turning an ExportFile into something a download can take. A page (popup, dashboard) makes a Blob
 * and an object URL; an MV3 service worker has no URL.createObjectURL, so there a data: URL is the
 * way to hand bytes to chrome.downloads.download.
 */

function bytesOf(file: ExportFile): Uint8Array {
  return typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
}

export function toBlob(file: ExportFile): Blob {
  // A copy into a fresh ArrayBuffer: Blob wants ArrayBuffer-backed parts, and a view may be a slice of a larger buffer.
  const bytes = bytesOf(file);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Blob([copy.buffer], { type: file.mime });
}

const ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 61; // '='

/**
 * Base64 without Node's Buffer. The engine's own Uint8Array.prototype.toBase64 where it exists
 * (Chrome 140+, Firefox 133+); otherwise a table loop into bytes, which unlike btoa over a binary
 * string stays linear and fast for exports of tens of megabytes.
 */
export function base64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ALPHABET[v >> 18]!;
    out[o++] = ALPHABET[(v >> 12) & 63]!;
    out[o++] = ALPHABET[(v >> 6) & 63]!;
    out[o++] = ALPHABET[v & 63]!;
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i]! << 16) | ((two ? bytes[i + 1]! : 0) << 8);
    out[o++] = ALPHABET[v >> 18]!;
    out[o++] = ALPHABET[(v >> 12) & 63]!;
    out[o++] = two ? ALPHABET[(v >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return new TextDecoder().decode(out);
}

export function toDataUrl(file: ExportFile): string {
  const mime = file.mime.replace(/[^\w/.+;=-]/g, '');
  return `data:${mime};base64,${base64(bytesOf(file))}`;
}
