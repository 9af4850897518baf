import fs from 'node:fs';
import exifr from 'exifr';

/** Photo formats whose EXIF exifr reads; anything else has no date to show. */
const WITH_EXIF = /^image\/(jpeg|png|webp|tiff|heic|heif|avif)$/;

/**
 * exifr walks an HEIF file's top-level boxes with `offset += length` and no end check: a box of
 * length 0 (a truncated iPhone photo does it) spins it forever and freezes the process. So the
 * walk is done here first, with every bound checked, and exifr only sees files whose walk reaches
 * the `meta` box inside the file.
 */
export function heifReachesMeta(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(16);
    let offset = 0;
    for (let boxes = 0; boxes < 1000 && offset + 8 <= size; boxes++) {
      fs.readSync(fd, head, 0, 16, offset);
      let length = head.readUInt32BE(0);
      if (length === 1) length = Number(head.readBigUInt64BE(8));
      if (head.toString('latin1', 4, 8) === 'meta') return length >= 12 && offset + length <= size;
      if (length < 8 || offset + length > size) return false;
      offset += length;
    }
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** Stored files never change under their hash, so neither does the date read from one. */
const seen = new Map<string, Date | null>();
const SEEN_LIMIT = 20_000;

/** When a photo was taken, from its EXIF; null where it has none or cannot be read safely. */
export async function photoDate(file: string, mime: string | null): Promise<Date | null> {
  if (!mime || !WITH_EXIF.test(mime)) return null;
  if (seen.has(file)) return seen.get(file)!;
  const date = await readPhotoDate(file, mime);
  if (seen.size >= SEEN_LIMIT) seen.delete(seen.keys().next().value!);
  seen.set(file, date);
  return date;
}

async function readPhotoDate(file: string, mime: string): Promise<Date | null> {
  try {
    if (/heic|heif|avif/.test(mime) && !heifReachesMeta(file)) return null;
    const data = (await exifr.parse(file, { pick: ['DateTimeOriginal', 'CreateDate'] })) as
      { DateTimeOriginal?: Date; CreateDate?: Date } | undefined;
    return data?.DateTimeOriginal ?? data?.CreateDate ?? null;
  } catch {
    return null;
  }
}
