import type yauzl from 'yauzl';
import { openZip, zipEntries } from './archive/boundedReader';

/**
 * A .docx is a ZIP whose parts the converter inflates in memory. A 1 MB file whose
 * `word/document.xml` inflates to 1 GB took the server to 2.2 GB and kept it there. Before
 * converting, every part is inflated once as a stream, counting: a part larger than it says it is,
 * or parts larger than these bounds, are not converted.
 */
const PART_LIMIT = 64 * 1024 ** 2;
const TOTAL_LIMIT = 256 * 1024 ** 2;

export type OfficeBounds = 'ok' | 'too-large' | 'corrupt';

function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('unreadable part'));
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > PART_LIMIT) stream.destroy(new RangeError('part too large'));
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(bytes));
    });
  });
}

export async function officeBounds(file: string | Buffer): Promise<OfficeBounds> {
  // validateEntrySizes: a part that inflates past the size it declares is an error, not more bytes.
  const zip = await openZip(file, { validateEntrySizes: true }).catch(() => null);
  if (!zip) return 'corrupt';
  try {
    let total = 0;
    for await (const entry of zipEntries(zip)) {
      if (entry.uncompressedSize > PART_LIMIT || (total += entry.uncompressedSize) > TOTAL_LIMIT) return 'too-large';
      if (!entry.fileName.endsWith('/')) await drain(zip, entry);
    }
    return 'ok';
  } catch (e) {
    // yauzl's size check says "too many bytes": a part inflating past what it declared.
    return e instanceof RangeError || /too many bytes/i.test(String(e)) ? 'too-large' : 'corrupt';
  } finally {
    zip.close();
  }
}
