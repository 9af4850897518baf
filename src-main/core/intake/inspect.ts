import crypto from 'node:crypto';
import fs from 'node:fs';
import { imageSize } from 'image-size';
import { classify, type FileKind } from './classify';
import { officeDocumentOf } from './officeZip';
import { sniff } from './sniff';
import type { StagedFile } from './staging';

export interface InspectedFile extends StagedFile {
  kind: FileKind;
  mime: string | null;
  width: number | null;
  height: number | null;
}

/** JPEG dimensions sit after the EXIF block, which can be large: read enough of the file to reach them. */
function dimensions(file: string): { width: number | null; height: number | null } {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(512 * 1024);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const size = imageSize(buffer.subarray(0, read));
    return { width: size.width ?? null, height: size.height ?? null };
  } catch {
    return { width: null, height: null };
  } finally {
    fs.closeSync(fd);
  }
}

export async function inspect(files: StagedFile[]): Promise<InspectedFile[]> {
  const out: InspectedFile[] = [];
  for (const file of files) {
    const head = await sniff(file.head);
    const sniffed = head.ext === 'zip' ? ((await officeDocumentOf(file.tempFile)) ?? head) : head;
    const kind = classify(file.name, sniffed);
    out.push({ ...file, kind, mime: sniffed.mime, ...(kind === 'photo' ? dimensions(file.tempFile) : { width: null, height: null }) });
  }
  return out;
}

/** The identity of a set of files, whatever their names or order: the same set is the same submission. */
export function fingerprint(files: Array<{ sha256: string }>): string {
  return crypto
    .createHash('sha256')
    .update([...new Set(files.map((f) => f.sha256))].sort().join('\n'))
    .digest('hex');
}
