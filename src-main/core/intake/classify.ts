import type { Materials } from '../campaigns/model';
import { chinaTimeLabel } from '../../common/chinaTime';
import type { Sniffed } from './sniff';

export type FileKind = 'summary' | 'photo' | 'other';

const SUMMARY_EXT = new Set(['docx', 'doc', 'wps', 'pdf', 'odt', 'ofd', 'txt']);
const PHOTO_EXT = new Set(['jpg', 'jpeg', 'png', 'heic', 'heif', 'webp', 'bmp']);
const PHOTO_SNIFFED = new Set(['jpg', 'png', 'heic', 'webp', 'bmp', 'avif']);
/** Office documents that are zip or OLE containers underneath. */
const SUMMARY_SNIFFED = new Set(['docx', 'pdf', 'odt', 'ofd', 'cfb', 'doc', 'txt', 'rtf']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Summary / photo / other from the content first: a photo renamed .doc is still a photo, and an
 * .exe renamed .jpg is not. The extension decides only between types the bytes cannot tell apart
 * (.doc and .wps are both OLE containers; a .txt has no magic number).
 */
export function classify(name: string, sniffed: Sniffed): FileKind {
  const ext = extensionOf(name);
  if (sniffed.ext && PHOTO_SNIFFED.has(sniffed.ext)) return 'photo';
  if (sniffed.ext === 'txt') return ext === 'txt' ? 'summary' : 'other';
  if (sniffed.ext && SUMMARY_SNIFFED.has(sniffed.ext))
    return SUMMARY_EXT.has(ext) || sniffed.ext !== 'cfb' ? 'summary' : 'other';
  if (!sniffed.ext && PHOTO_EXT.has(ext)) return 'other';
  return 'other';
}

export interface Problem {
  code: 'missing-summary' | 'too-few-photos' | 'too-many-photos' | 'large-attachment-link';
  message: string;
}

export function completeness(
  kinds: FileKind[],
  materials: Materials,
): { completeness: 'complete' | 'incomplete'; problems: Problem[]; summaries: number; photos: number } {
  const summaries = kinds.filter((k) => k === 'summary').length;
  const photos = kinds.filter((k) => k === 'photo').length;
  const problems: Problem[] = [];
  if (summaries < materials.summaryCount) problems.push({ code: 'missing-summary', message: '缺少工作总结' });
  if (photos < materials.photosMin)
    problems.push({ code: 'too-few-photos', message: `照片 ${photos} 张，少于要求的 ${materials.photosMin} 张` });
  if (photos > materials.photosMax)
    problems.push({ code: 'too-many-photos', message: `照片 ${photos} 张，多于要求的 ${materials.photosMax} 张` });
  return { completeness: problems.length ? 'incomplete' : 'complete', problems, summaries, photos };
}

/** A 超大附件 link as completeness needs it: material named but not yet downloaded. */
export interface PendingLink {
  name: string | null;
  size: string | null;
  expiresAt: string | null;
}

/** Completeness of the files, and each 超大附件 link still to download as a problem of its own. */
export function completenessOf(
  kinds: FileKind[],
  materials: Materials,
  links: PendingLink[],
): ReturnType<typeof completeness> {
  const check = completeness(kinds, materials);
  for (const link of links) {
    const until = link.expiresAt ? `${chinaTimeLabel(link.expiresAt)} 前` : '尽快';
    check.problems.unshift({
      code: 'large-attachment-link',
      message: `材料在超大附件链接中${link.name ? `（${link.name}${link.size ? `，${link.size}` : ''}）` : ''}，请在 ${until}下载后再导入`,
    });
    check.completeness = 'incomplete';
  }
  return check;
}
