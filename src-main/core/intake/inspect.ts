import crypto from 'node:crypto';
import fs from 'node:fs';
import { imageSize } from 'image-size';
import { classify, type FileKind } from './classify';
import { officeDocumentOf } from './officeZip';
import { sniff } from './sniff';
import { contentOf, type StagedFile } from './staging';

export interface InspectedFile extends StagedFile {
  kind: FileKind;
  mime: string | null;
  width: number | null;
  height: number | null;
}

function sizeOf(bytes: Buffer): { width: number; height: number } | null {
  try {
    const size = imageSize(bytes);
    return size.width && size.height ? { width: size.width, height: size.height } : null;
  } catch {
    // Not enough of it yet, or not an image after all.
    return null;
  }
}

/**
 * JPEG dimensions sit after the EXIF block, which can be large: read more of the file only when its first bytes do not
 * tell.
 */
function dimensions(file: StagedFile): { width: number | null; height: number | null } {
  const known = sizeOf(file.bytes ?? file.head);
  if (known || file.bytes) return known ?? { width: null, height: null };
  const fd = fs.openSync(file.tempFile!, 'r');
  try {
    for (const length of [64 * 1024, 512 * 1024]) {
      const buffer = Buffer.allocUnsafe(length);
      const read = fs.readSync(fd, buffer, 0, length, 0);
      const size = sizeOf(buffer.subarray(0, read));
      if (size) return size;
      if (read < length) break;
    }
    return { width: null, height: null };
  } finally {
    fs.closeSync(fd);
  }
}

export async function inspect(files: StagedFile[]): Promise<InspectedFile[]> {
  const out: InspectedFile[] = [];
  for (const file of files) {
    const head = await sniff(file.head);
    const sniffed = head.ext === 'zip' ? ((await officeDocumentOf(contentOf(file))) ?? head) : head;
    const kind = classify(file.name, sniffed);
    out.push({
      ...file,
      kind,
      mime: sniffed.mime,
      ...(kind === 'photo' ? dimensions(file) : { width: null, height: null }),
    });
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
