import zlib from 'node:zlib';

const UTF8_FLAG = 0x0800;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

export interface ExtraField {
  id: number;
  data: Buffer;
}

/**
 * Decodes one entry name, per entry: an Info-ZIP Unicode Path field (0x7075, version 1) whose CRC
 * matches the raw name; else the UTF-8 flag; else the bytes if they are valid UTF-8; else GBK
 * (as GB18030, its superset) — what Chinese Windows writes.
 */
export function decodeEntryName(
  raw: Buffer,
  flags: number,
  extraFields: ExtraField[],
): { name: string; encoding: string } {
  // A Unicode Path field is explicit and CRC-checked against the raw name, so it is the
  // strongest evidence; fields of another version or with a stale CRC are ignored.
  const rawCrc = zlib.crc32(raw);
  for (const field of extraFields) {
    if (field.id !== 0x7075 || field.data.length < 6 || field.data[0] !== 1) continue;
    if (field.data.readUInt32LE(1) !== rawCrc) continue;
    const decoded = strictUtf8(field.data.subarray(5));
    if (decoded !== null) return { name: decoded, encoding: 'unicode-path' };
  }
  if (flags & UTF8_FLAG) {
    const decoded = strictUtf8(raw);
    if (decoded !== null) return { name: decoded, encoding: 'utf-8' };
  }
  const decoded = strictUtf8(raw);
  if (decoded !== null) return { name: decoded, encoding: 'utf-8' };
  return { name: gb18030.decode(raw), encoding: 'gb18030' };
}

/** C0 control characters never belong in a file name (a NUL can truncate it in C-based tools). */
function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Replaces control characters for display in a message. */
export function printable(text: string): string {
  return [...text].map((ch) => (ch.charCodeAt(0) < 0x20 ? '?' : ch)).join('');
}

/** Valid UTF-8 without control characters, or null. */
function strictUtf8(bytes: Buffer): string | null {
  try {
    const text = fatalUtf8.decode(bytes);
    return hasControlChars(text) ? null : text;
  } catch {
    return null;
  }
}

/**
 * An entry path that would leave the folder it is unpacked into, on any system: `..` segments,
 * a leading slash or backslash, a drive letter, or a control character. Backslashes count as
 * separators here because Windows tools treat them so.
 */
export function isUnsafePath(name: string): boolean {
  if (hasControlChars(name)) return true;
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[\\/]/).some((segment) => segment === '..');
}

/** The file's own name, for display: the last path segment. */
export function baseName(name: string): string {
  const parts = name.split('/').filter(Boolean);
  return parts.at(-1) ?? name;
}

/** Files nobody sent on purpose: skipped and counted. */
export function isJunk(name: string): boolean {
  const segments = name.split('/').filter(Boolean);
  const base = segments.at(-1) ?? '';
  return (
    segments.includes('__MACOSX') ||
    base.startsWith('._') ||
    base === '.DS_Store' ||
    /^thumbs\.db$/i.test(base) ||
    /^desktop\.ini$/i.test(base) ||
    base.startsWith('~$')
  );
}
