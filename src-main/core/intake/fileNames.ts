import { printable } from './zipNames';

/**
 * Characters that change how a name reads without showing themselves: bidirectional overrides
 * and isolates (`照片\u202Egpj.exe` displays as "照片exe.jpg"), marks, zero-width characters and
 * the byte-order mark. A name is shown and stored without them.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** What Windows will not have in a name. */
const FORBIDDEN = /[<>:"/\\|?*]/g;
/** Names Windows reserves for devices, with any extension (`nul.jpg` is the device too). */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
const MAX_CHARS = 120;

/** Text from an archive or a mail for display: no control or invisible characters. */
export function visibleText(text: string): string {
  return printable(text.replace(INVISIBLE, ''));
}

/**
 * The name a received file is stored and shown under, whatever it came from (an archive entry, an
 * attachment, a loose file): what it reads as, nothing hidden; legal on Windows (no device names,
 * no trailing dots or spaces, no forbidden characters); at most 120 characters, keeping the
 * extension. The bytes are kept as they came; only the name is made safe.
 */
export function safeFileName(name: string, fallback = '未命名文件'): string {
  let clean = visibleText(name)
    .replace(FORBIDDEN, '_')
    .replace(/^\s+/, '')
    .replace(/[.\s]+$/, '');
  if (!clean) return fallback;
  if (DEVICE.test(clean)) clean = `_${clean}`;
  const chars = [...clean];
  if (chars.length <= MAX_CHARS) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return chars.slice(0, MAX_CHARS - [...ext].length).join('') + ext;
}
