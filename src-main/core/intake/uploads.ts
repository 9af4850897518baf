import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newSlot, slotFile, SLOT_ID } from '../app/slots';
import { DeskError } from '../contract/errors';
import type { Source } from './sources';


/**
 * Browser mode cannot hand core a path: the page uploads each file's bytes, the server streams
 * them here under a random id, and the import names them by id. The file's own name is kept only
 * as a label — it never becomes part of a path.
 */
export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

export function newUploadPath(dataDir: string): { id: string; file: string } {
  return newSlot(uploadsDir(dataDir));
}

export const uploadRefSchema = z.object({
  id: z.string().regex(SLOT_ID, '上传编号无效'),
  name: z.string().min(1).max(260),
  /** For files of a dropped folder: their path inside it, so each subfolder becomes one submission. */
  relativePath: z.string().max(1000).optional(),
});
export type UploadRef = z.output<typeof uploadRefSchema>;

/** An uploaded file by id (checked against the id pattern first, so no caller can name a path). */
export function uploadPath(dataDir: string, id: string): string {
  if (!SLOT_ID.test(id)) throw new DeskError('invalid-input', '上传编号无效');
  return fileOf(dataDir, id);
}

function fileOf(dataDir: string, id: string): string {
  const file = slotFile(uploadsDir(dataDir), id);
  if (!file) throw new DeskError('not-found', '上传的文件已过期，请重新选择文件。');
  return file;
}

const ARCHIVE = /\.(zip|eml|rar|7z|msg|dat|tnef|tar|gz|tgz|bz2|xz|cab)$/i;

/** Uploads become sources the same way paths do: archives and e-mails alone, a dropped folder's subfolders each as one, loose files together. */
export function uploadSources(dataDir: string, uploads: UploadRef[]): Source[] {
  const sources: Source[] = [];
  const folders = new Map<string, Array<{ file: string; pathInSource: string }>>();
  const loose: Array<{ file: string; pathInSource: string }> = [];
  for (const upload of uploads) {
    const file = fileOf(dataDir, upload.id);
    const parts = (upload.relativePath ?? '').split('/').filter(Boolean);
    if (parts.length >= 3) {
      // folder/subfolder/...: the subfolder is the submission.
      const key = parts[1]!;
      const list = folders.get(key) ?? [];
      list.push({ file, pathInSource: parts.slice(2).join('/') });
      folders.set(key, list);
    } else if (ARCHIVE.test(upload.name)) {
      sources.push({ kind: /\.eml$/i.test(upload.name) ? 'eml' : /\.zip$/i.test(upload.name) ? 'zip' : 'other', label: upload.name, file });
    } else {
      loose.push({ file, pathInSource: upload.name });
    }
  }
  for (const [label, files] of folders) sources.push({ kind: 'folder', label, files });
  if (loose.length) sources.push({ kind: 'files', label: loose.length === 1 ? loose[0]!.pathInSource : `${loose.length} 个文件`, files: loose });
  return sources;
}

export function removeUploads(dataDir: string, uploads: UploadRef[]): void {
  for (const upload of uploads) fs.rmSync(path.join(uploadsDir(dataDir), upload.id), { force: true });
}
