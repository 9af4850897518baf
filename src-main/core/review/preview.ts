import fs from 'node:fs';
import type { CoreContext } from '../app/context';
import { fileInfo } from '../intake/history';
import { decodeText } from '../roster/import/readSheet';
import { officeBounds } from '../intake/officeBounds';
import { extractWordText } from './wordText';
import { odtPreview, ofdPreview } from './odfPreview';

export type Preview =
  | { kind: 'html'; html: string; warnings: number }
  /** `fromWord`: text taken out of a .doc/.wps file, its layout not kept. */
  | { kind: 'text'; text: string; truncated: boolean; fromWord?: boolean }
  | { kind: 'pdf' }
  | { kind: 'image' }
  | { kind: 'none'; message: string };

const TEXT_LIMIT = 200_000;
/** Converted summaries by hash (content never changes): moving back and forth costs no second conversion. */
const converted = new Map<string, Preview>();
const CACHE_SIZE = 64;

async function cachedConversion(sha256: string, convert: () => Promise<Preview>): Promise<Preview> {
  const cached = converted.get(sha256);
  if (cached) return cached;
  const preview = await convert();
  if (converted.size >= CACHE_SIZE) converted.delete(converted.keys().next().value!);
  converted.set(sha256, preview);
  return preview;
}

async function docxPreview(path: string): Promise<Preview> {
  const bounds = await officeBounds(path);
  if (bounds === 'too-large')
    return {
      kind: 'none',
      message:
        '这份 Word 文档解压后异常庞大（可能是恶意构造的文件），为保护程序未做预览。如确需查看，请点击“打开”用系统程序打开，或请该单位重新发送。',
    };
  if (bounds === 'corrupt')
    return { kind: 'none', message: '这份 Word 文档无法在此预览（文件可能已损坏），请点击“打开”用系统程序查看。' };
  try {
    const { default: mammoth } = await import('mammoth');
    const result = await mammoth.convertToHtml(
      { path },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    return { kind: 'html', html: result.value, warnings: result.messages.length };
  } catch {
    return { kind: 'none', message: '这份 Word 文档无法在此预览（文件可能已损坏），请点击“打开”用系统程序查看。' };
  }
}

async function wordPreview(ctx: CoreContext, path: string): Promise<Preview> {
  const result = await extractWordText(ctx.host, ctx.resourcesDir, path);
  if (result.ok)
    return {
      kind: 'text',
      text: result.text.slice(0, TEXT_LIMIT),
      truncated: result.text.length > TEXT_LIMIT,
      fromWord: true,
    };
  if (result.reason === 'unreadable')
    return {
      kind: 'none',
      message: '这份文件无法提取文字（可能不是 Word 97–2003 / WPS 文字格式，或已损坏），请点击“打开”用系统程序查看。',
    };
  return {
    kind: 'none',
    message: '这份文件的内部结构异常，为保护程序已停止读取。请点击“打开”用系统程序查看，或请该单位重新发送。',
  };
}

/**
 * What the evidence pane shows for a stored file: a .docx as formatted HTML (mammoth; images left
 * out; a document that inflates past sane bounds is not converted), text as text, PDF in the built-in viewer. Old .doc
 * and .wps files show their text (word-extractor, in an isolated child process); their layout is not kept,
 * and the pane says so beside its "open" button.
 */
export async function previewFile(ctx: CoreContext, sha256: string): Promise<Preview> {
  const stored = fileInfo(ctx, sha256);
  const mime = stored.mime ?? '';
  if (mime.startsWith('image/')) return { kind: 'image' };
  if (mime === 'application/pdf') return { kind: 'pdf' };
  if (mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    return cachedConversion(sha256, () => docxPreview(stored.path));
  if (mime === 'application/vnd.oasis.opendocument.text')
    return cachedConversion(sha256, () => odtPreview(stored.path));
  if (mime === 'application/ofd') return cachedConversion(sha256, () => ofdPreview(stored.path));
  // .doc and .wps are both OLE compound files; whether one holds a Word document is for the parser to say.
  if (mime === 'application/x-cfb') return cachedConversion(sha256, () => wordPreview(ctx, stored.path));
  if (mime === 'text/plain') {
    const bytes = fs.readFileSync(stored.path).subarray(0, TEXT_LIMIT);
    return { kind: 'text', text: decodeText(bytes).text, truncated: fs.statSync(stored.path).size > TEXT_LIMIT };
  }
  return { kind: 'none', message: '此格式无法在此预览，请点击“打开”用系统程序查看。' };
}
