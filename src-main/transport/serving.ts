import type { StoredFile } from '../core';

/** Types a browser may show inline; anything else downloads, and nothing stored is ever run as a page. */
const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf|text\/plain)$/;

/**
 * The response headers for a stored file, the same in both shells (browser mode's HTTP server and
 * the desktop's desk:// scheme): by hash only, inline only for types a browser shows without
 * running anything, and a sandboxing CSP — except for PDFs, whose built-in viewer a sandboxed
 * response would block (the viewer runs no document script).
 */
export function storedFileHeaders(stored: StoredFile, download: boolean): Record<string, string> {
  const mime = stored.mime ?? 'application/octet-stream';
  const inline = INLINE.test(mime) && !download;
  return {
    'content-type': inline ? mime : 'application/octet-stream',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(stored.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      mime === 'application/pdf'
        ? "default-src 'none'"
        : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  };
}

/** Headers for an artifact handed over as a download (browser mode, the desktop's save). */
export function artifactHeaders(fileName: string): Record<string, string> {
  return {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}
