import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DeskError } from '../contract/errors';
import { SLOT_ID, slotFile } from './slots';
import { uploadsDir } from './uploads';

/**
 * A file on this machine named by its path. Only local callers (the desktop shell, the CLI) may
 * hand one in: the dispatcher refuses any input holding one from a page in browser mode.
 */
export class LocalPath {
  constructor(readonly path: string) {}
}

/** Every operation that reads a file takes one of these: a local path or an upload id. */
export const fileRefSchema = z.union([
  z
    .object({ path: z.string().min(1, '路径为空').max(4096) })
    .strict()
    .transform((v) => new LocalPath(v.path)),
  z
    .object({
      upload: z.string().regex(SLOT_ID, '上传编号无效'),
      name: z.string().min(1).max(260),
      relativePath: z.string().max(1000).optional(),
      modifiedAt: z.iso.datetime().optional(),
    })
    .strict(),
]);
export type FileRef = z.output<typeof fileRefSchema>;

/** Whether a parsed input holds a local path anywhere (the dispatcher's check for web callers). */
export function holdsLocalPath(value: unknown, depth = 0): boolean {
  if (value instanceof LocalPath) return true;
  if (depth > 6 || !value || typeof value !== 'object') return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => holdsLocalPath(child, depth + 1));
}

export interface RefFile {
  file: string;
  /** What the person called it: the path's base name or the upload's label. */
  name: string;
  relativePath?: string;
  /** When the file itself was last changed (from disk, or as the browser reported it). */
  modifiedAt: string | null;
}

/** The file behind a reference, checked to exist; a missing upload has expired. */
export function refFile(dataDir: string, ref: FileRef): RefFile {
  if (ref instanceof LocalPath) {
    const file = path.resolve(ref.path);
    if (!fs.existsSync(file)) throw new DeskError('file-not-found', `找不到文件：${ref.path}`);
    if (!fs.statSync(file).isFile()) throw new DeskError('file-not-found', `不是文件：${ref.path}`);
    return { file, name: path.basename(file), modifiedAt: fileTime(file) };
  }
  const file = slotFile(uploadsDir(dataDir), ref.upload);
  if (!file) throw new DeskError('not-found', '上传的文件已过期，请重新选择文件。');
  return { file, name: ref.name, relativePath: ref.relativePath, modifiedAt: plausible(ref.modifiedAt ?? null) };
}

/** A modification time is evidence only when it could be true: after 2000 and not in the future. */
function plausible(iso: string | null): string | null {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) && t > Date.UTC(2000, 0, 1) && t <= Date.now() + 86_400_000
    ? new Date(t).toISOString()
    : null;
}

/** A file's modification time on disk, if it is plausible. */
export function fileTime(file: string): string | null {
  try {
    return plausible(fs.statSync(file).mtime.toISOString());
  } catch {
    return null;
  }
}

/** Uploads are used once: the operation that took them removes them when it is done. */
export function releaseUploads(dataDir: string, refs: readonly FileRef[]): void {
  for (const ref of refs)
    if (!(ref instanceof LocalPath)) fs.rmSync(path.join(uploadsDir(dataDir), ref.upload), { force: true });
}
