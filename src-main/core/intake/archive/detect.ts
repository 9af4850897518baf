import fs from 'node:fs';
import zlib from 'node:zlib';

/** What an archive's first bytes say it is; the signature at offset 0 decides, never a ZIP found inside. */
export type ArchiveSignature =
  | { format: 'zip' }
  | { format: '7z' }
  | { format: 'rar'; version: 4 | 5; volume: 'none' | 'first' | 'later'; headersEncrypted: boolean };

const ZIP = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0x50, 0x4b, 0x05, 0x06])];
const RAR4 = Buffer.from('Rar!\x1a\x07\x00', 'latin1');
const RAR5 = Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1');
const SEVEN_Z = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);

/** A RAR5 variable-length integer at `offset`: value and the offset after it. */
function vint(bytes: Buffer, offset: number): [number, number] {
  let value = 0;
  for (let shift = 0; offset < bytes.length && shift < 49; shift += 7) {
    const byte = bytes[offset++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, offset];
  }
  return [-1, offset];
}

function rar5(head: Buffer): ArchiveSignature {
  // CRC32, header size, then the first header's type: 4 is the encryption header (names hidden).
  // Flags are only believed from a header whose CRC holds; a damaged one is left to 7-Zip to judge.
  const [headerSize, sizeEnd] = vint(head, RAR5.length + 4);
  const crcOk =
    headerSize > 0 &&
    sizeEnd + headerSize <= head.length &&
    zlib.crc32(head.subarray(RAR5.length + 4, sizeEnd + headerSize)) === head.readUInt32LE(RAR5.length);
  if (!crcOk) return { format: 'rar', version: 5, volume: 'none', headersEncrypted: false };
  const [type, afterType] = vint(head, sizeEnd);
  if (type === 4) return { format: 'rar', version: 5, volume: 'none', headersEncrypted: true };
  const [flags, afterFlags] = vint(head, afterType);
  const [archiveFlags, next] = vint(head, flags & 0x0001 ? vint(head, afterFlags)[1] : afterFlags);
  if (type !== 1 || archiveFlags < 0) return { format: 'rar', version: 5, volume: 'none', headersEncrypted: false };
  // Volume flag; "volume number present" is set in every volume but the first.
  let volume: 'none' | 'first' | 'later' = archiveFlags & 0x0001 ? 'first' : 'none';
  if (archiveFlags & 0x0002 && vint(head, next)[0] > 0) volume = 'later';
  return { format: 'rar', version: 5, volume, headersEncrypted: false };
}

function rar4(head: Buffer): ArchiveSignature {
  const at = RAR4.length;
  if (head.length < at + 7 || head[at + 2] !== 0x73)
    return { format: 'rar', version: 4, volume: 'none', headersEncrypted: false };
  const size = head.readUInt16LE(at + 5);
  if (
    size < 7 ||
    at + size > head.length ||
    (zlib.crc32(head.subarray(at + 2, at + size)) & 0xffff) !== head.readUInt16LE(at)
  ) {
    return { format: 'rar', version: 4, volume: 'none', headersEncrypted: false };
  }
  const flags = head.readUInt16LE(at + 3);
  // MHD_VOLUME, MHD_FIRSTVOLUME (RAR 3.0 and later), MHD_PASSWORD.
  const volume = flags & 0x0001 ? (flags & 0x0100 ? 'first' : 'later') : 'none';
  return { format: 'rar', version: 4, volume, headersEncrypted: (flags & 0x0080) !== 0 };
}

export function archiveSignature(head: Buffer): ArchiveSignature | null {
  if (ZIP.some((sig) => head.subarray(0, 4).equals(sig))) return { format: 'zip' };
  if (head.subarray(0, RAR5.length).equals(RAR5)) return rar5(head);
  if (head.subarray(0, RAR4.length).equals(RAR4)) return rar4(head);
  if (head.subarray(0, SEVEN_Z.length).equals(SEVEN_Z)) return { format: '7z' };
  return null;
}

/** A Windows program (MZ) carrying a RAR or 7z archive: a self-extractor, which is never run. */
export function isSelfExtractor(file: string, head: Buffer): boolean {
  if (head[0] !== 0x4d || head[1] !== 0x5a) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const window = Buffer.alloc(4 * 1024 * 1024);
    const read = fs.readSync(fd, window, 0, window.length, 0);
    const bytes = window.subarray(0, read);
    return bytes.includes(RAR5) || bytes.includes(RAR4) || bytes.includes(SEVEN_Z);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A 7z whose header is itself encrypted: the signature header points to an encoded header whose
 * coder is AES (06 F1 07 01). 7-Zip's WASM build aborts on these without saying why.
 */
export function sevenZipHeaderEncrypted(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const start = Buffer.alloc(32);
    if (fs.readSync(fd, start, 0, 32, 0) < 32) return false;
    const offset = Number(start.readBigUInt64LE(12));
    const size = Number(start.readBigUInt64LE(20));
    if (!Number.isSafeInteger(offset) || size <= 0 || size > 1024 * 1024) return false;
    const header = Buffer.alloc(size);
    const read = fs.readSync(fd, header, 0, size, 32 + offset);
    return read === size && header[0] === 0x17 && header.includes(Buffer.from([0x06, 0xf1, 0x07, 0x01]));
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}
