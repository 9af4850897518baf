import fs from 'node:fs';
import mammoth from 'mammoth';
import type { CoreContext } from '../app/context';
import { fileInfo } from '../intake/history';
import { decodeText } from '../roster/import/readSheet';

export type Preview =
  | { kind: 'html'; html: string; warnings: number }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'pdf' }
  | { kind: 'image' }
  | { kind: 'none'; message: string };

const TEXT_LIMIT = 200_000;
/** Converted summaries by hash (content never changes): moving back and forth costs no second conversion. */
const htmlCache = new Map<string, Preview>();
const HTML_CACHE_SIZE = 64;

async function docxPreview(path: string, sha256: string): Promise<Preview> {
  const cached = htmlCache.get(sha256);
  if (cached) return cached;
  let preview: Preview;
  try {
    const result = await mammoth.convertToHtml({ path }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    preview = { kind: 'html', html: result.value, warnings: result.messages.length };
  } catch {
    return { kind: 'none', message: '这份 Word 文档无法在此预览（文件可能已损坏），请点击“打开”用系统程序查看。' };
  }
  if (htmlCache.size >= HTML_CACHE_SIZE) htmlCache.delete(htmlCache.keys().next().value!);
  htmlCache.set(sha256, preview);
  return preview;
}

/**
 * What the evidence pane shows for a stored file: a .docx as formatted HTML (mammoth; images left
 * out, the page shows it in a sandboxed frame), text as text, PDF in the built-in viewer. Old .doc
 * and .wps cannot be read faithfully here: the reviewer gets a note and an "open" button instead.
 */
export async function previewFile(ctx: CoreContext, sha256: string): Promise<Preview> {
  const stored = fileInfo(ctx, sha256);
  const mime = stored.mime ?? '';
  if (mime.startsWith('image/')) return { kind: 'image' };
  if (mime === 'application/pdf') return { kind: 'pdf' };
  if (mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return docxPreview(stored.path, sha256);
  if (mime === 'text/plain') {
    const bytes = fs.readFileSync(stored.path).subarray(0, TEXT_LIMIT);
    return { kind: 'text', text: decodeText(bytes).text, truncated: fs.statSync(stored.path).size > TEXT_LIMIT };
  }
  return { kind: 'none', message: '此格式（如 .doc / .wps）无法在此预览，请点击“打开”用系统程序查看。' };
}
