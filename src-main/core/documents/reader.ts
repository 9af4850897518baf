import { createRequire } from 'node:module';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { documentBounds, readLimits } from '../intake/limits';

const requirePackage = createRequire(import.meta.url);

/**
 * What reading one stranger's document may cost. Every reader is a script in resources/isolated
 * run by the host in its own process: a crafted or merely enormous file can use up that process,
 * never the app's. 300 MB and 30 s hold every file of the hostile set (docs/benchmarks.md).
 */
const READER_LIMITS = { memoryMb: 300, heapMb: 192, deadlineMs: 30_000 } as const;

/** Past this (about 100 pages) a summary is not a summary: what is kept for search and shown stops here. */
export const TEXT_CAP = 200_000;

/**
 * Names what the readers are and allow, kept with each reading: a file stopped by the limits is
 * not tried again until these change (a new version of the readers, or 设置 → 收件限制 raised).
 */
export function readerVersion(ctx: CoreContext): string {
  const bounds = documentBounds(readLimits(ctx.db.orm));
  return `r2/${READER_LIMITS.memoryMb}/${READER_LIMITS.deadlineMs}/${bounds.partBytes}/${bounds.totalBytes}/${bounds.ratio}`;
}

export type Reading<T> = { ok: true; value: T } | { ok: false; reason: 'unreadable' | 'runaway' };

/** Runs one reader script under READER_LIMITS: its JSON, or why there is none. */
async function runReader<T>(ctx: CoreContext, script: string, args: string[]): Promise<Reading<T>> {
  const result = await ctx.host.runIsolated({
    script: path.join(ctx.resourcesDir, 'isolated', script),
    args,
    ...READER_LIMITS,
    maxOutputBytes: 32 * 1024 ** 2,
  });
  if (!result.ok) return { ok: false, reason: result.reason === 'runaway' ? 'runaway' : 'unreadable' };
  try {
    return { ok: true, value: JSON.parse(result.stdout.toString('utf8')) as T };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

export type PackageReading = 'docx-text' | 'docx-html' | 'odt-text' | 'odt-html' | 'ofd-text';

/**
 * A .docx, .odt or .ofd read by resources/isolated/document.cjs, which holds the package to the
 * same bounds intake applied (设置 → 收件限制) as it reads: what intake took as a document the reader
 * reads, and what intake would refuse the reader calls too large rather than trying. Nothing of the
 * package is inflated in this process.
 */
export function readPackage<T>(ctx: CoreContext, file: string, mode: PackageReading): Promise<Reading<T>> {
  const bounds = documentBounds(readLimits(ctx.db.orm));
  const modules = {
    yauzl: requirePackage.resolve('yauzl'),
    saxes: requirePackage.resolve('saxes'),
    mammoth: requirePackage.resolve('mammoth'),
  };
  const args = [JSON.stringify(modules), mode, file, String(TEXT_CAP), JSON.stringify(bounds)];
  return runReader<T>(ctx, 'document.cjs', args);
}

/** The text of a .doc / .wps (OLE compound file) by word-extractor. */
export function readWord(ctx: CoreContext, file: string): Promise<Reading<{ text: string }>> {
  return runReader(ctx, 'word-text.cjs', [requirePackage.resolve('word-extractor'), file]);
}

/** The text of a PDF by pdf.js, its first pages up to the text cap. */
export function readPdf(ctx: CoreContext, file: string): Promise<Reading<{ text: string; truncated: boolean }>> {
  const pdfjs = requirePackage.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const cmaps = path.join(path.dirname(pdfjs), '..', '..', 'cmaps');
  return runReader(ctx, 'pdf-text.cjs', [pdfjs, cmaps, file, String(TEXT_CAP)]);
}
