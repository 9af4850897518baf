import fs from 'node:fs';
import type { CoreContext } from '../app/context';
import { decodeText } from '../roster/import/readSheet';
import { TEXT_CAP, readPackage, readPdf, readWord, type Reading } from './reader';

export type DocumentText =
  { ok: true; text: string; truncated: boolean } | { ok: false; reason: 'unreadable' | 'runaway' | 'unsupported' };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The first `bytes` of a file, without reading the rest. */
function head(file: string, bytes: number): { data: Buffer; more: boolean } {
  const fd = fs.openSync(file, 'r');
  try {
    const data = Buffer.alloc(Math.min(bytes, fs.fstatSync(fd).size));
    const read = fs.readSync(fd, data, 0, data.length, 0);
    return { data: data.subarray(0, read), more: fs.fstatSync(fd).size > read };
  } finally {
    fs.closeSync(fd);
  }
}

function settle(reading: Reading<{ text: string; truncated?: boolean }>): DocumentText {
  return reading.ok
    ? { ok: true, text: reading.value.text, truncated: reading.value.truncated ?? false }
    : { ok: false, reason: reading.reason };
}

/**
 * The words of one stored document, each format by its reader in a child process under
 * READER_LIMITS: .docx, .odt and .ofd streamed part by part (document.cjs), .doc/.wps by
 * word-extractor, PDF by pdf.js; plain text decoded as the roster import does. The text stops at
 * TEXT_CAP (`truncated`): what search, evidence and the preview's text all read.
 */
export async function documentText(ctx: CoreContext, file: string, mime: string | null): Promise<DocumentText> {
  switch (mime) {
    case DOCX:
      return settle(await readPackage(ctx, file, 'docx-text'));
    case 'application/vnd.oasis.opendocument.text':
      return settle(await readPackage(ctx, file, 'odt-text'));
    case 'application/ofd':
      return settle(await readPackage(ctx, file, 'ofd-text'));
    case 'application/x-cfb': {
      const reading = await readWord(ctx, file);
      if (!reading.ok) return reading;
      return { ok: true, text: reading.value.text.slice(0, TEXT_CAP), truncated: reading.value.text.length > TEXT_CAP };
    }
    case 'application/pdf':
      return settle(await readPdf(ctx, file));
    case 'text/plain': {
      const { data, more } = head(file, TEXT_CAP * 4);
      const text = decodeText(data).text;
      return { ok: true, text: text.slice(0, TEXT_CAP), truncated: more || text.length > TEXT_CAP };
    }
    default:
      return { ok: false, reason: 'unsupported' };
  }
}
