import fs from 'node:fs';
import { decodeEntryName } from '../zipNames';

/** What 7-Zip's listing cannot say about a RAR4 file header, read from the header itself. */
export interface Rar4Header {
  /** Decoded as ZIP names are, when the header has no Unicode name (the raw bytes may be GBK). */
  legacyName: string | null;
  symlink: boolean;
}

const FILE_HEAD = 0x74;
const LONG_BLOCK = 0x8000;
const LARGE = 0x0100;
const UNICODE = 0x0200;
const UNIX = 3;
const S_IFMT = 0xf000;
const S_IFLNK = 0xa000;

/**
 * Walks a single-volume RAR4 archive's blocks. RAR4 names written without the Unicode flag are
 * bytes in the writer's code page — GBK on a Chinese PC — which 7-Zip, in its UTF-8 locale, turns
 * to replacement characters; and a Unix symlink is only told by its mode bits, which 7-Zip does not
 * print. Returns null when the blocks do not walk cleanly: 7-Zip's own reading then stands.
 */
export function readRar4Headers(file: string, maxEntries: number): Rar4Header[] | null {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const headers: Rar4Header[] = [];
    const fixed = Buffer.alloc(7);
    let at = 0;
    while (at + 7 <= size) {
      fs.readSync(fd, fixed, 0, 7, at);
      const type = fixed[2]!;
      const flags = fixed.readUInt16LE(3);
      const headSize = fixed.readUInt16LE(5);
      if (headSize < 7 || at + headSize > size) return null;
      const head = Buffer.alloc(headSize);
      fs.readSync(fd, head, 0, headSize, at);
      let dataSize = 0;
      if (type === FILE_HEAD) {
        if (headSize < 32) return null;
        dataSize = head.readUInt32LE(7) + (flags & LARGE && headSize >= 40 ? head.readUInt32LE(32) * 2 ** 32 : 0);
        const nameAt = flags & LARGE ? 40 : 32;
        const nameSize = head.readUInt16LE(26);
        if (nameAt + nameSize > headSize) return null;
        const name = head.subarray(nameAt, nameAt + nameSize);
        const attr = head.readUInt32LE(28);
        const legacy = !(flags & UNICODE) && name.some((b) => b >= 0x80);
        headers.push({
          legacyName: legacy ? decodeEntryName(name, 0, []).name.replaceAll('\\', '/') : null,
          symlink: head[15] === UNIX && (attr & S_IFMT) === S_IFLNK,
        });
        if (headers.length > maxEntries) return null;
      } else if (flags & LONG_BLOCK) {
        if (headSize < 11) return null;
        dataSize = head.readUInt32LE(7);
      }
      if (type === 0x7b) break;
      at += headSize + dataSize;
    }
    return headers;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
