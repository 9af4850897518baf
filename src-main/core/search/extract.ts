import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { officeBounds } from '../intake/officeBounds';
import { odtPreview, ofdPreview } from '../review/odfPreview';
import { extractWordText, isolatedText } from '../review/wordText';
import { decodeText } from '../roster/import/readSheet';

const requirePackage = createRequire(import.meta.url);

export type SummaryText = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'runaway' | 'unsupported' };

/** Past this a summary is not a summary: what is kept for search stops here. */
export const TEXT_CAP = 1_000_000;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** HTML the previews make (tags only, no scripts: mammoth's and the ODF renderer's) as its words. */
function htmlText(html: string): string {
  return html
    .replace(/<\/(p|h\d|li|tr|table|ul)>|<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

async function docxText(file: string): Promise<SummaryText> {
  if ((await officeBounds(file)) !== 'ok') return { ok: false, reason: 'unreadable' };
  try {
    const { default: mammoth } = await import('mammoth');
    return { ok: true, text: (await mammoth.extractRawText({ path: file })).value };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

function pdfText(ctx: CoreContext, file: string): Promise<SummaryText> {
  const pdfjs = requirePackage.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  return isolatedText(ctx.host, {
    script: path.join(ctx.resourcesDir, 'isolated', 'pdf-text.cjs'),
    args: [pdfjs, path.join(path.dirname(pdfjs), '..', '..', 'cmaps'), file],
    heapMb: 256,
    deadlineMs: 30_000,
  });
}

/**
 * The words of one stored summary, by the same readers the evidence pane uses: .docx (mammoth),
 * .odt and .ofd (their XML), .doc/.wps (word-extractor) and PDF (pdf.js) each in a child process
 * with its own limits, plain text decoded as the roster import does.
 */
export async function summaryText(ctx: CoreContext, file: string, mime: string | null): Promise<SummaryText> {
  switch (mime) {
    case DOCX:
      return docxText(file);
    case 'application/vnd.oasis.opendocument.text':
    case 'application/ofd': {
      const preview = mime === 'application/ofd' ? await ofdPreview(file) : await odtPreview(file);
      if (preview.kind === 'html') return { ok: true, text: htmlText(preview.html) };
      if (preview.kind === 'text') return { ok: true, text: preview.text };
      return { ok: false, reason: 'unreadable' };
    }
    case 'application/x-cfb': {
      const result = await extractWordText(ctx.host, ctx.resourcesDir, file);
      return result.ok ? result : { ok: false, reason: result.reason };
    }
    case 'application/pdf':
      return pdfText(ctx, file);
    case 'text/plain':
      return { ok: true, text: decodeText(fs.readFileSync(file).subarray(0, TEXT_CAP * 4)).text };
    default:
      return { ok: false, reason: 'unsupported' };
  }
}
