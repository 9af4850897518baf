import fs from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * The file reader yauzl reads an archive through. yauzl takes offsets from the archive itself (a
 * ZIP64 locator, a central directory position) and hands them to fs.read unchecked; a corrupt or
 * crafted archive saying 2^63 made Node throw inside a callback and took the whole process down
 * (our fuzzing found it). Here every range is checked against the file first and a bad one
 * becomes an ordinary read error, which intake reports as `corrupt`.
 */
class BoundedFileReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > this.size || start > end) {
      const failed = new Readable({ read() {} });
      process.nextTick(() => failed.destroy(new Error(`archive points outside itself (bytes ${start}–${end} of ${this.size})`)));
      return failed;
    }
    // Positional reads on the shared descriptor (an fs.ReadStream would close it when destroyed).
    const fd = this.fd;
    let position = start;
    return new Readable({
      highWaterMark: 1024 * 1024,
      read(size) {
        const wanted = Math.min(size, end - position);
        if (wanted <= 0) return void this.push(null);
        const buffer = Buffer.allocUnsafe(wanted);
        fs.read(fd, buffer, 0, wanted, position, (error, bytes) => {
          if (error) return void this.destroy(error);
          if (bytes === 0) return void this.push(null); // the file ended early: yauzl reports the short read
          position += bytes;
          this.push(bytes < wanted ? buffer.subarray(0, bytes) : buffer);
        });
      },
    });
  }

  override close(callback: (error: Error | null) => void): void {
    fs.close(this.fd, (error) => callback(error ?? null));
  }
}

/** Opens an archive as yauzl.open would, reading only inside the file. */
export function openBounded(file: string, options: yauzl.Options, callback: (error: Error | null, zip?: yauzl.ZipFile) => void): void {
  // yauzl's open() also gives lazyEntries etc.; fromRandomAccessReader takes the same options.
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    return callback(error as Error);
  }
  const size = fs.fstatSync(fd).size;
  yauzl.fromRandomAccessReader(new BoundedFileReader(fd, size), size, options, (error, zip) => {
    if (error) fs.close(fd, () => callback(error));
    else callback(null, zip);
  });
}

/** Opens an archive lazily (entries read on demand), reading only inside the file. */
export function openZip(file: string, options: yauzl.Options = {}): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    openBounded(file, { lazyEntries: true, autoClose: false, ...options }, (error, zip) => (error || !zip ? reject(error ?? new Error('unreadable archive')) : resolve(zip)));
  });
}

/** A lazily opened archive's entries, one at a time, as yauzl reads them. */
export function zipEntries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  return (async function* () {
    while (true) {
      const next = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const onEntry = (entry: yauzl.Entry) => {
          cleanup();
          resolve(entry);
        };
        const onEnd = () => {
          cleanup();
          resolve(null);
        };
        const onError = (error: Error) => {
          cleanup();
          reject(error);
        };
        const cleanup = () => {
          zip.off('entry', onEntry);
          zip.off('end', onEnd);
          zip.off('error', onError);
        };
        zip.on('entry', onEntry);
        zip.on('end', onEnd);
        zip.on('error', onError);
        zip.readEntry();
      });
      if (!next) return;
      yield next;
    }
  })();
}
