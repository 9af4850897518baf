import type yauzl from 'yauzl';
import { openZip, zipEntries } from './archive/boundedReader';
import type { Sniffed } from './sniff';

/**
 * Office documents are ZIP containers. Content sniffing reads only the first entries, and which
 * come first depends on the writer: Word puts `[Content_Types].xml` first, LibreOffice Writer and
 * WPS put it last — so their .docx sniffed as a plain ZIP and was stored as 其他文件 (or, dropped
 * on its own, unpacked into its XML parts). The central directory lists every part: the parts a
 * document must have say what it is, in any order.
 */
const PARTS: Array<{ part: string; sniffed: Sniffed }> = [
  {
    part: 'word/document.xml',
    sniffed: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  },
  {
    part: 'xl/workbook.xml',
    sniffed: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  },
  {
    part: 'ppt/presentation.xml',
    sniffed: { ext: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  },
  // GB/T 33190 OFD, the national fixed-layout format (电子公文, 数科/福昕 OFD readers): a ZIP with OFD.xml at its root.
  { part: 'OFD.xml', sniffed: { ext: 'ofd', mime: 'application/ofd' } },
];
const ODF: Record<string, Sniffed> = {
  'application/vnd.oasis.opendocument.text': { ext: 'odt', mime: 'application/vnd.oasis.opendocument.text' },
  // Writer/Web and master documents are text documents too (LibreOffice writes these mimetypes when it saves an HTML
  // page or a master as .odt).
  'application/vnd.oasis.opendocument.text-web': { ext: 'odt', mime: 'application/vnd.oasis.opendocument.text' },
  'application/vnd.oasis.opendocument.text-master': { ext: 'odt', mime: 'application/vnd.oasis.opendocument.text' },
  'application/vnd.oasis.opendocument.spreadsheet': {
    ext: 'ods',
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
  },
  'application/vnd.oasis.opendocument.presentation': {
    ext: 'odp',
    mime: 'application/vnd.oasis.opendocument.presentation',
  },
};
/** A document has a few dozen parts; past this many entries it is an archive, not a document. */
const MAX_ENTRIES = 2000;

function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry, max: number): Promise<string> {
  return new Promise((resolve) => {
    if (entry.uncompressedSize > max) return resolve('');
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return resolve('');
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', () => resolve(''));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('latin1').trim()));
    });
  });
}

/** What office document a ZIP container is, by its parts; null for an ordinary archive or an unreadable one. */
export async function officeDocumentOf(file: string | Buffer): Promise<Sniffed | null> {
  const zip = await openZip(file).catch(() => null);
  if (!zip) return null;
  try {
    let entries = 0;
    for await (const entry of zipEntries(zip)) {
      const part = PARTS.find((p) => p.part === entry.fileName);
      if (part) return part.sniffed;
      if (entry.fileName === 'mimetype') return ODF[await readSmall(zip, entry, 200)] ?? null;
      if (++entries >= MAX_ENTRIES) return null;
    }
    return null;
  } catch {
    return null;
  } finally {
    zip.close();
  }
}
