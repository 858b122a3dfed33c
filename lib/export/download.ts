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

/** Base64 without Node's Buffer; chunked so String.fromCharCode never gets more arguments than an engine allows. */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

export function toDataUrl(file: ExportFile): string {
  const mime = file.mime.replace(/[^\w/.+;=-]/g, '');
  return `data:${mime};base64,${base64(bytesOf(file))}`;
}
