import fs from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** An archive's bytes, in a file or in memory (an attachment just decoded): read by position only. */
export interface ArchiveBytes {
  readonly size: number;
  /** Reads into `target` from `position`; returns the bytes read (fewer at the end). */
  readSync(target: Buffer, position: number): number;
  /** The bytes from `start` to `end` (exclusive), in large chunks. */
  stream(start: number, end: number): Readable;
  close(): void;
}

/**
 * An archive this small is read at once: its many small reads then cost no round trips to the disk thread. Larger
 * ones are not: a fresh allocation the size of the archive for each one (page faults, then the collector freeing
 * it) cost more than the round trips it saved — 60 unit ZIPs of 7.5 MB took 4.7 s read whole, 2.9 s streamed.
 */
const READ_WHOLE = 1024 * 1024;

/** Positional reads on one descriptor (an fs.ReadStream would close it when destroyed). */
export function fileBytes(file: string): ArchiveBytes {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  if (size <= READ_WHOLE) {
    try {
      return memoryBytes(fs.readFileSync(fd));
    } finally {
      fs.closeSync(fd);
    }
  }
  return {
    size,
    readSync: (target, position) => fs.readSync(fd, target, 0, target.length, position),
    stream(start, end) {
      let position = start;
      return new Readable({
        highWaterMark: 1024 * 1024,
        read(wantedSize) {
          const wanted = Math.min(wantedSize, end - position);
          if (wanted <= 0) return void this.push(null);
          const buffer = Buffer.allocUnsafe(wanted);
          fs.read(fd, buffer, 0, wanted, position, (error, bytes) => {
            if (error) return void this.destroy(error);
            if (bytes === 0) return void this.push(null); // the file ended early: the reader reports the short read
            position += bytes;
            this.push(bytes < wanted ? buffer.subarray(0, bytes) : buffer);
          });
        },
      });
    },
    close: () => fs.closeSync(fd),
  };
}

export function memoryBytes(bytes: Buffer): ArchiveBytes {
  return {
    size: bytes.length,
    readSync: (target, position) => bytes.copy(target, 0, position, Math.min(bytes.length, position + target.length)),
    stream: (start, end) => Readable.from(start < end ? [bytes.subarray(start, end)] : []),
    close: () => {},
  };
}

/**
 * The reader yauzl reads an archive through. yauzl takes offsets from the archive itself (a
 * ZIP64 locator, a central directory position) and hands them to fs.read unchecked; a corrupt or
 * crafted archive saying 2^63 made Node throw inside a callback and took the whole process down
 * (our fuzzing found it). Here every range is checked against the bytes first and a bad one
 * becomes an ordinary read error, which intake reports as `corrupt`.
 */
class BoundedReader extends yauzl.RandomAccessReader {
  constructor(private readonly bytes: ArchiveBytes) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const size = this.bytes.size;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > size || start > end) {
      const failed = new Readable({ read() {} });
      process.nextTick(() =>
        failed.destroy(new Error(`archive points outside itself (bytes ${start}–${end} of ${size})`)),
      );
      return failed;
    }
    return this.bytes.stream(start, end);
  }

  /**
   * yauzl reads every header and name through here. Its own read() builds a stream and a pipe for
   * each (4 per entry), which cost more than the rest of reading a small ZIP; the bytes answer a
   * positional read at once. A read that comes up short says so, which yauzl reports as EOF.
   */
  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void,
  ): void {
    const size = this.bytes.size;
    const end = position + length;
    if (
      !Number.isSafeInteger(position) ||
      !Number.isSafeInteger(end) ||
      position < 0 ||
      end > size ||
      offset < 0 ||
      offset + length > buffer.length
    ) {
      process.nextTick(() =>
        callback(new Error(`archive points outside itself (bytes ${position}–${end} of ${size})`)),
      );
      return;
    }
    let read: number;
    try {
      read = this.bytes.readSync(buffer.subarray(offset, offset + length), position);
    } catch (error) {
      process.nextTick(() => callback(error as Error));
      return;
    }
    process.nextTick(() => callback(null, read));
  }

  override close(callback: (error: Error | null) => void): void {
    callback(null);
  }
}

/** Opens an archive as yauzl.open would, reading only inside its bytes; the caller closes them. */
export function openBounded(
  bytes: ArchiveBytes,
  options: yauzl.Options,
  callback: (error: Error | null, zip?: yauzl.ZipFile) => void,
): void {
  // yauzl's open() also gives lazyEntries etc.; fromRandomAccessReader takes the same options.
  yauzl.fromRandomAccessReader(new BoundedReader(bytes), bytes.size, options, (error, zip) =>
    callback(error ?? null, zip),
  );
}

/** Opens an archive lazily (entries read on demand), reading only inside the file. */
export function openZip(file: string | Buffer, options: yauzl.Options = {}): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    let bytes: ArchiveBytes;
    try {
      bytes = Buffer.isBuffer(file) ? memoryBytes(file) : fileBytes(file);
    } catch (error) {
      return reject(error);
    }
    openBounded(bytes, { lazyEntries: true, autoClose: false, ...options }, (error, zip) => {
      if (error || !zip) {
        bytes.close();
        return reject(error ?? new Error('unreadable archive'));
      }
      // The descriptor lives as long as the archive: closed with it.
      zip.once('close', () => bytes.close());
      resolve(zip);
    });
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
