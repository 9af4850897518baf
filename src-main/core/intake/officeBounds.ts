import type yauzl from 'yauzl';
import { openZip, zipEntries } from './archive/boundedReader';

/**
 * A .docx is a ZIP whose parts the converter inflates in memory. A 1 MB file whose
 * `word/document.xml` inflates to 1 GB took the server to 2.2 GB and kept it there. Before
 * converting, every part is inflated once as a stream, counting: a part larger than it says it is,
 * or parts past these bounds, are not converted. Intake takes the bounds from 设置 → 收件限制;
 * previews and the roster import keep the defaults, which hold one file under ~300 MB of memory.
 */
export interface DocumentBounds {
  partBytes: number;
  totalBytes: number;
  /** Inflated to compressed, for a part past RATIO_FLOOR: real office XML stays far below 1:200. */
  ratio: number;
}

export const DEFAULT_DOCUMENT_BOUNDS: DocumentBounds = {
  partBytes: 64 * 1024 ** 2,
  totalBytes: 256 * 1024 ** 2,
  ratio: 200,
};

/** Below this a part is not judged by its ratio: a small blank form compresses 600:1 and is harmless. */
const RATIO_FLOOR = 8 * 1024 ** 2;

export type OfficeBounds = 'ok' | 'too-large' | 'corrupt';

function drain(zip: yauzl.ZipFile, entry: yauzl.Entry, bounds: DocumentBounds): Promise<number> {
  const ratioCap = RATIO_FLOOR + bounds.ratio * Math.max(1, entry.compressedSize);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('unreadable part'));
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > bounds.partBytes || bytes > ratioCap) stream.destroy(new RangeError('part too large'));
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(bytes));
    });
  });
}

export async function officeBounds(
  file: string | Buffer,
  bounds: DocumentBounds = DEFAULT_DOCUMENT_BOUNDS,
): Promise<OfficeBounds> {
  // validateEntrySizes: a part that inflates past the size it declares is an error, not more bytes.
  const zip = await openZip(file, { validateEntrySizes: true }).catch(() => null);
  if (!zip) return 'corrupt';
  try {
    let total = 0;
    for await (const entry of zipEntries(zip)) {
      if (entry.uncompressedSize > bounds.partBytes || (total += entry.uncompressedSize) > bounds.totalBytes)
        return 'too-large';
      if (
        entry.uncompressedSize > RATIO_FLOOR &&
        entry.uncompressedSize > bounds.ratio * Math.max(1, entry.compressedSize)
      )
        return 'too-large';
      if (!entry.fileName.endsWith('/')) await drain(zip, entry, bounds);
    }
    return 'ok';
  } catch (e) {
    // yauzl's size check says "too many bytes": a part inflating past what it declared.
    return e instanceof RangeError || /too many bytes/i.test(String(e)) ? 'too-large' : 'corrupt';
  } finally {
    zip.close();
  }
}
