import type { CoreContext } from '../app/context';
import { readPackage, type PackageReading } from '../documents/reader';
import { documentText } from '../documents/text';
import { fileInfo } from '../intake/history';
import { cachedPreview, keepPreview } from './previewCache';

export type Preview =
  | { kind: 'html'; html: string; warnings: number }
  /**
   * `fromWord`: text taken out of a .doc/.wps file, its layout not kept. `large`: a document too
   * large to lay out in the pane, shown as its words.
   */
  | { kind: 'text'; text: string; truncated: boolean; fromWord?: boolean; large?: boolean }
  | { kind: 'pdf' }
  | { kind: 'image' }
  | { kind: 'none'; message: string };

const TEXT_LIMIT = 200_000;
/** Converted summaries by hash (content never changes): moving back and forth costs no second conversion. */
const converted = new Map<string, Preview>();
const CACHE_SIZE = 64;

async function cachedConversion(ctx: CoreContext, sha256: string, convert: () => Promise<Preview>): Promise<Preview> {
  const remembered = converted.get(sha256);
  if (remembered) return remembered;
  const kept = cachedPreview(ctx, sha256);
  const preview = kept ?? (await convert());
  if (!kept) keepPreview(ctx, sha256, preview);
  if (converted.size >= CACHE_SIZE) converted.delete(converted.keys().next().value!);
  converted.set(sha256, preview);
  return preview;
}

const TOO_LARGE =
  '无法读取（文件过大或过复杂）：这份文件超出了程序安全读取的范围，为保护程序已停止读取。请点击“打开”用系统程序查看，或请该单位重新保存后发送。';
const BROKEN = '这份文档无法在此预览（文件可能已损坏），请点击“打开”用系统程序查看。';

/** The words of a document as the pane's text, or why there are none. */
async function asText(ctx: CoreContext, file: string, mime: string, extra: { fromWord?: boolean; large?: boolean }) {
  const read = await documentText(ctx, file, mime);
  if (!read.ok) return { kind: 'none', message: read.reason === 'runaway' ? TOO_LARGE : BROKEN } as const;
  if (!read.text.trim() && mime === 'application/ofd')
    return {
      kind: 'none',
      message: '这份 OFD 文件里没有可提取的文字（可能是扫描件），请点击“打开”用 OFD 阅读器查看。',
    } as const;
  const text = read.text.trim().slice(0, TEXT_LIMIT);
  return { kind: 'text', text, truncated: read.truncated || read.text.length > TEXT_LIMIT, ...extra } as const;
}

/**
 * A .docx or .odt laid out as HTML (mammoth; the ODF reader's own): one too large to lay out —
 * mammoth holds the whole document as a tree — is shown as its streamed words instead.
 */
async function packagePreview(ctx: CoreContext, file: string, mime: string, mode: PackageReading): Promise<Preview> {
  const html = await readPackage<{ html: string; warnings?: number; truncated?: boolean }>(ctx, file, mode);
  if (html.ok && !html.value.truncated)
    return { kind: 'html', html: html.value.html, warnings: html.value.warnings ?? 0 };
  if (!html.ok && html.reason === 'unreadable') return { kind: 'none', message: BROKEN };
  return asText(ctx, file, mime, { large: true });
}

/**
 * What the evidence pane shows for a stored file: a .docx or .odt as formatted HTML (images left
 * out), .ofd, .doc and .wps as their text, plain text as text, PDF in the built-in viewer. Every
 * document is read in a child process under READER_LIMITS (documents/reader.ts); what the limits stop
 * is marked 无法读取（文件过大或过复杂）, and the app carries on.
 */
export async function previewFile(ctx: CoreContext, sha256: string): Promise<Preview> {
  const stored = fileInfo(ctx, sha256);
  const mime = stored.mime ?? '';
  if (mime.startsWith('image/')) return { kind: 'image' };
  if (mime === 'application/pdf') return { kind: 'pdf' };
  if (mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    return cachedConversion(ctx, sha256, () => packagePreview(ctx, stored.path, mime, 'docx-html'));
  if (mime === 'application/vnd.oasis.opendocument.text')
    return cachedConversion(ctx, sha256, () => packagePreview(ctx, stored.path, mime, 'odt-html'));
  if (mime === 'application/ofd') return cachedConversion(ctx, sha256, () => asText(ctx, stored.path, mime, {}));
  // .doc and .wps are both OLE compound files; whether one holds a Word document is for the parser to say.
  if (mime === 'application/x-cfb')
    return cachedConversion(ctx, sha256, () => asText(ctx, stored.path, mime, { fromWord: true }));
  if (mime === 'text/plain') return asText(ctx, stored.path, mime, {});
  return { kind: 'none', message: '此格式无法在此预览，请点击“打开”用系统程序查看。' };
}
