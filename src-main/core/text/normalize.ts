import { pinyin } from 'pinyin-pro';

/** Full-width ASCII (！-～) and the ideographic space to their half-width forms. */
export function toHalfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** What a person typed into a cell: trimmed, inner runs of whitespace (and line breaks) as one space. */
export function cleanCell(value: string | null | undefined): string {
  return (value ?? '').replace(/[\u3000\s]+/g, ' ').trim();
}

/** Pinyin initials of the Han characters in a name, e.g. 柳州市第一中学 → lzsdyzx. */
function pinyinInitials(value: string): string {
  const han = value.replace(/[^\u3400-\u9fff]/g, '');
  if (!han) return '';
  return pinyin(han, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

/** One lower-case haystack for the roster search box. */
export function buildSearchText(parts: {
  name: string;
  aliases: string[];
  contact?: string | null;
  phone?: string | null;
  email?: string | null;
}): string {
  const names = [parts.name, ...parts.aliases];
  return [
    ...names.map((n) => toHalfWidth(n).toLowerCase()),
    ...names.map(pinyinInitials),
    parts.contact ?? '',
    parts.contact ? pinyinInitials(parts.contact) : '',
    parts.phone ?? '',
    (parts.email ?? '').toLowerCase(),
  ]
    .filter(Boolean)
    .join('\n');
}
