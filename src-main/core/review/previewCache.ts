import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { readerVersion } from '../documents/reader';
import type { Preview } from './preview';

/**
 * What the evidence pane shows of a document, kept under cache/previews by its content hash:
 * reading a document in a child process costs 100–300 ms (a process, its parser loaded), so the
 * background indexer makes each summary's preview after an import and the pane reads it in a
 * millisecond — as thumbnails are made ahead for the photos. Shared by every core thread; stale
 * when the readers or their limits change (`readerVersion`); deletable at any time.
 */
function fileOf(ctx: CoreContext, sha256: string): string {
  return path.join(ctx.dataDir, 'cache', 'previews', sha256.slice(0, 2), `${sha256}.json`);
}

export function cachedPreview(ctx: CoreContext, sha256: string): Preview | null {
  try {
    const kept = JSON.parse(fs.readFileSync(fileOf(ctx, sha256), 'utf8')) as { reader: string; preview: Preview };
    return kept.reader === readerVersion(ctx) ? kept.preview : null;
  } catch {
    return null;
  }
}

export function keepPreview(ctx: CoreContext, sha256: string, preview: Preview): void {
  const file = fileOf(ctx, sha256);
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, JSON.stringify({ reader: readerVersion(ctx), preview }));
    fs.renameSync(temp, file);
  } catch {
    // A cache: a preview not kept is made again next time.
    fs.rmSync(temp, { force: true });
  }
}
