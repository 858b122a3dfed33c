import { fromBase64 } from '../background/base64';
import type { ExportedFile } from '../types';

/**
 * Hand an exported file to the browser's download flow from an extension page. A blob URL and
 * <a download> need no "downloads" permission and work in Chrome and Firefox alike.
 */
export function downloadFile(file: ExportedFile, doc: Document = document): void {
  const blob = new Blob([fromBase64(file.base64) as BlobPart], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download starts asynchronously and needs the URL until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
