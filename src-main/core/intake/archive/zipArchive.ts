import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type yauzl from 'yauzl';
import { CHINA_OFFSET_MS } from '../../../common/chinaTime';
import type { FileStore } from '../../store/store';
import { failureInChinese } from './failureWords';
import { ADVICE, Rejection } from '../rejection';
import { baseName, decodeEntryName } from '../zipNames';
import { fileBytes, memoryBytes, openBounded, zipEntries, type ArchiveBytes } from './boundedReader';
import type { ArchiveEntry, ArchiveReader } from './types';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const CHUNK = 1024 * 1024;
/** The end records and the longest comment a ZIP can end with. */
const TAIL = 65_557;

/** yauzl's own errors: encryption it cannot read is `encrypted`, anything else is `corrupt`. */
function zipRejection(error: unknown): Rejection {
  if (error instanceof Rejection) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/encrypt/i.test(message)) return new Rejection('encrypted', `压缩包使用了加密。${ADVICE.noPassword}`);
  return new Rejection('corrupt', `压缩包无法读取（${failureInChinese(message)}）。${ADVICE.broken}`);
}

function openOnce(bytes: ArchiveBytes): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    openBounded(
      bytes,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (error, zip) => {
        if (error || !zip) reject(error ?? new Error('no archive'));
        else resolve(zip);
      },
    );
  });
}

/**
 * Some writers leave bytes in front of the archive (a self-extractor stub, a stream header) so the
 * ZIP64 locator points short of its record. unzip and Python read such files by measuring the
 * shift; we read the archive with the leading bytes cut off.
 */
function prependedBytes(bytes: ArchiveBytes): number | null {
  const size = bytes.size;
  const base = Math.max(0, size - TAIL);
  const tail = Buffer.alloc(size - base);
  bytes.readSync(tail, base);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const locator = eocd - 20;
  if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) return null;
  const claimed = Number(tail.readBigUInt64LE(locator + 8));
  const record = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]), locator);
  const shift = record < 0 ? -1 : base + record - claimed;
  return shift <= 0 || shift > size ? null : shift;
}

/** A file's bytes after `shift`, as a copy in the store's temporary area; memory is cut in place. */
function shifted(
  input: string | Buffer,
  shift: number,
  store: FileStore,
): { bytes: ArchiveBytes; cleanup: () => void } {
  if (Buffer.isBuffer(input)) return { bytes: memoryBytes(input.subarray(shift)), cleanup: () => {} };
  const copy = store.tempPath();
  fs.writeFileSync(copy, fs.readFileSync(input).subarray(shift));
  return { bytes: fileBytes(copy), cleanup: () => fs.rmSync(copy, { force: true }) };
}

/** DOS times carry no zone; archives made in China are in China time. Extended UTC fields win. */
function entryTime(entry: yauzl.Entry): string | null {
  try {
    const extended = entry.getLastModDate({ timezone: 'UTC' });
    const dos = entry.getLastModDate({ forceDosFormat: true, timezone: 'UTC' });
    const instant = extended.getTime() !== dos.getTime() ? extended.getTime() : dos.getTime() - CHINA_OFFSET_MS;
    return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
  } catch {
    return null;
  }
}

/**
 * The entry's local header, and whether it tells the same story as the central directory: the
 * same name bytes, the same compression method and (unless deferred to a data descriptor) the same
 * CRC. An archive whose two records disagree shows one file to one program and another file to
 * the next — the trick behind ZIP-confusion attacks — so it is refused.
 */
function localHeader(
  bytes: ArchiveBytes,
  entry: yauzl.Entry,
  archiveSize: number,
): { agrees: boolean; dataStart: number } | null {
  const central = entry.fileName as unknown as Buffer;
  const header = Buffer.alloc(30 + central.length);
  const read = bytes.readSync(header, entry.relativeOffsetOfLocalHeader);
  if (read < 30 || header.readUInt32LE(0) !== 0x04034b50) return null;
  const nameLength = header.readUInt16LE(26);
  const dataStart = entry.relativeOffsetOfLocalHeader + 30 + nameLength + header.readUInt16LE(28);
  if (dataStart + entry.compressedSize > archiveSize) return null;
  const deferred = (header.readUInt16LE(6) & 0x0008) !== 0;
  const sameName = nameLength === central.length && read === header.length && header.subarray(30).equals(central);
  const sameMethod = header.readUInt16LE(8) === entry.compressionMethod;
  return { agrees: sameName && sameMethod && (deferred || header.readUInt32LE(14) === entry.crc32), dataStart };
}

/**
 * The entry's bytes, read in large chunks straight from the file (yauzl's own stream reads 16 KB
 * at a time, which leaves the disk idle between round trips); deflated data is inflated on the way.
 */
function entryStream(bytes: ArchiveBytes, entry: yauzl.Entry, dataStart: number): Readable {
  const raw = bytes.stream(dataStart, dataStart + entry.compressedSize);
  if (entry.compressionMethod === 0) return raw;
  const inflate = zlib.createInflateRaw({ chunkSize: CHUNK });
  raw.on('error', (error: Error) => inflate.destroy(error));
  return raw.pipe(inflate);
}

/** A ZIP read through yauzl over a bounded file reader; names decoded per entry (UTF-8, 0x7075, GBK). */
export class ZipArchive implements ArchiveReader {
  readonly format = 'zip' as const;
  readonly archiveSize: number;
  readonly declaredEntries: number;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly bytes: ArchiveBytes,
    private readonly cleanup: () => void,
  ) {
    this.archiveSize = bytes.size;
    this.declaredEntries = zip.entryCount;
  }

  /** A ZIP in a file, or in memory (an attachment just decoded, read without a temporary copy). */
  static async open(input: string | Buffer, store: FileStore): Promise<ZipArchive> {
    const bytes = Buffer.isBuffer(input) ? memoryBytes(input) : fileBytes(input);
    try {
      return new ZipArchive(await openOnce(bytes), bytes, () => bytes.close());
    } catch (error) {
      const shift = /zip64/i.test((error as Error).message) ? prependedBytes(bytes) : null;
      bytes.close();
      if (shift === null) throw zipRejection(error);
      const copy = shifted(input, shift, store);
      const done = () => {
        copy.bytes.close();
        copy.cleanup();
      };
      try {
        return new ZipArchive(await openOnce(copy.bytes), copy.bytes, done);
      } catch {
        done();
        throw zipRejection(error);
      }
    }
  }

  async *entries(): AsyncIterable<ArchiveEntry> {
    try {
      for await (const entry of zipEntries(this.zip)) yield this.entryOf(entry);
    } catch (error) {
      throw zipRejection(error);
    }
  }

  private entryOf(entry: yauzl.Entry): ArchiveEntry {
    const raw = entry.fileName as unknown as Buffer;
    const { name } = decodeEntryName(
      raw,
      entry.generalPurposeBitFlag,
      entry.extraFields as Array<{ id: number; data: Buffer }>,
    );
    const folder = name.endsWith('/');
    const link = ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
    return {
      name: folder ? name.slice(0, -1) : name,
      kind: folder ? 'folder' : link ? 'link' : 'file',
      size: entry.uncompressedSize,
      packedSize: entry.compressedSize,
      crc32: entry.crc32 >>> 0,
      encrypted: entry.isEncrypted() || (entry.generalPurposeBitFlag & 0x0040) !== 0,
      modifiedAt: entryTime(entry),
      open: () => entryStream(this.bytes, entry, this.dataStart(entry, name)),
      readSmall: () => {
        const start = this.dataStart(entry, name);
        const raw = Buffer.allocUnsafe(entry.compressedSize);
        if (this.bytes.readSync(raw, start) !== raw.length)
          throw new Rejection('corrupt', `压缩包中的“${baseName(name)}”数据不完整。${ADVICE.broken}`);
        if (entry.compressionMethod === 0) return raw;
        // The inflated size is bounded by the caller's budget, so a bomb cannot grow past it here.
        return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(entry.uncompressedSize, 1) + 1 });
      },
    };
  }

  private dataStart(entry: yauzl.Entry, name: string): number {
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new Rejection(
        'unsupported-format',
        `压缩包中的“${baseName(name)}”使用了不支持的压缩方式（${entry.compressionMethod}）。${ADVICE.recompress}`,
      );
    }
    const local = localHeader(this.bytes, entry, this.archiveSize);
    if (!local || !local.agrees)
      throw new Rejection('corrupt', `压缩包中“${baseName(name)}”的校验信息前后不一致。${ADVICE.broken}`);
    return local.dataStart;
  }

  close(): void {
    this.zip.close();
    this.cleanup();
  }
}
