import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type yauzl from 'yauzl';
import { openBounded, zipEntries } from './boundedReader';
import type { FileStore } from '../store/store';
import type { IntakeLimits } from './limits';
import { ADVICE, Rejection } from './rejection';
import { readTail } from './fileBytes';
import { discard, stageStream, type StagedFile } from './staging';
import { baseName, decodeEntryName, isJunk, isUnsafePath, printable } from './zipNames';
import { CHINA_OFFSET_MS } from '../../common/chinaTime';

export interface ZipBudget {
  bytes: number;
  entries: number;
}

export interface ZipContents {
  files: StagedFile[];
  junk: number;
  notes: string[];
  /** Newest entry time inside, as the archive's evidence of when it was made. */
  newestEntryAt: string | null;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** yauzl's own errors: encryption it cannot read is `encrypted`, anything else is `corrupt`. */
function asRejection(error: unknown): Rejection {
  if (error instanceof Rejection) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/encrypt/i.test(message)) return new Rejection('encrypted', `压缩包使用了加密。${ADVICE.noPassword}`);
  return new Rejection('corrupt', `压缩包无法读取（${message}）。${ADVICE.broken}`);
}

function openOnce(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    openBounded(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (error, zip) => {
      if (error || !zip) reject(asRejection(error ?? new Error('未知错误')));
      else resolve(zip);
    });
  });
}

/**
 * Some writers leave bytes in front of the archive (a self-extractor stub, a stream header) so the
 * ZIP64 locator points short of its record. unzip and Python read such files by measuring the
 * shift; we read a copy with the leading bytes cut off.
 */
function withoutPrependedBytes(file: string, store: FileStore): string | null {
  const size = fs.statSync(file).size;
  const { bytes: tail, offset: base } = readTail(file);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const locator = eocd - 20;
  if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) return null;
  const claimed = Number(tail.readBigUInt64LE(locator + 8));
  const record = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]), locator);
  const shift = record < 0 ? -1 : base + record - claimed;
  if (shift <= 0 || shift > size) return null;
  const copy = store.tempPath();
  const input = fs.readFileSync(file);
  fs.writeFileSync(copy, input.subarray(shift));
  return copy;
}

async function open(file: string, store: FileStore): Promise<{ zip: yauzl.ZipFile; file: string; cleanup: () => void }> {
  try {
    return { zip: await openOnce(file), file, cleanup: () => {} };
  } catch (error) {
    const copy = /zip64/i.test((error as Error).message) ? withoutPrependedBytes(file, store) : null;
    if (!copy) throw error;
    try {
      return { zip: await openOnce(copy), file: copy, cleanup: () => fs.rmSync(copy, { force: true }) };
    } catch {
      fs.rmSync(copy, { force: true });
      throw error;
    }
  }
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
 * Reads an entry's local header: where its data starts, and whether its CRC agrees with the
 * central directory's (unless deferred to a data descriptor). Null when there is no header there.
 */
/**
 * The entry's local header, and whether it tells the same story as the central directory: the
 * same name bytes, the same compression method and (unless deferred to a data descriptor) the same
 * CRC. An archive whose two records disagree shows one file to one program and another file to
 * the next — the trick behind ZIP-confusion attacks — so it is refused.
 */
function localHeader(fd: number, entry: yauzl.Entry, archiveSize: number): { agrees: boolean; dataStart: number } | null {
  const central = entry.fileName as unknown as Buffer;
  const header = Buffer.alloc(30 + central.length);
  const read = fs.readSync(fd, header, 0, header.length, entry.relativeOffsetOfLocalHeader);
  if (read < 30 || header.readUInt32LE(0) !== 0x04034b50) return null;
  const nameLength = header.readUInt16LE(26);
  const dataStart = entry.relativeOffsetOfLocalHeader + 30 + nameLength + header.readUInt16LE(28);
  if (dataStart + entry.compressedSize > archiveSize) return null;
  const deferred = (header.readUInt16LE(6) & 0x0008) !== 0;
  const sameName = nameLength === central.length && read === header.length && header.subarray(30).equals(central);
  const sameMethod = header.readUInt16LE(8) === entry.compressionMethod;
  return { agrees: sameName && sameMethod && (deferred || header.readUInt32LE(14) === entry.crc32), dataStart };
}

const CHUNK = 1024 * 1024;

/**
 * The entry's bytes, read in large chunks straight from the file (yauzl's own stream reads 16 KB
 * at a time, which leaves the disk idle between round trips); deflated data is inflated on the way.
 */
function entryStream(file: string, entry: yauzl.Entry, dataStart: number): Readable {
  const raw = entry.compressedSize === 0 ? Readable.from([]) : fs.createReadStream(file, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: CHUNK });
  if (entry.compressionMethod === 0) return raw;
  const inflate = zlib.createInflateRaw({ chunkSize: CHUNK });
  raw.on('error', (error: Error) => inflate.destroy(error));
  return raw.pipe(inflate);
}


/**
 * Unpacks one ZIP into the store's temporary area, checking everything while streaming: names
 * (any unsafe one rejects the whole archive), encryption, CRCs, and the real — not declared —
 * sizes against the limits. ZIPs inside are unpacked in place, to `limits.maxDepth`.
 */
export async function readZip(file: string, store: FileStore, limits: IntakeLimits, depth = 1, prefix = '', budget: ZipBudget = { bytes: 0, entries: 0 }, signal?: AbortSignal): Promise<ZipContents> {
  const opened = await open(file, store);
  const zip = opened.zip;
  file = opened.file;
  const staged: StagedFile[] = [];
  const notes: string[] = [];
  let junk = 0;
  let newest: string | null = null;
  const fd = fs.openSync(file, 'r');
  try {
    const archiveSize = fs.statSync(file).size;
    if (zip.entryCount > limits.maxEntries) throw new Rejection('zip-bomb', `压缩包声称含有 ${zip.entryCount} 个文件，超过上限 ${limits.maxEntries}，疑似压缩炸弹，已拒收。`);
    for await (const entry of zipEntries(zip)) {
      signal?.throwIfAborted();
      const raw = entry.fileName as unknown as Buffer;
      const { name } = decodeEntryName(raw, entry.generalPurposeBitFlag, entry.extraFields as Array<{ id: number; data: Buffer }>);
      const path = prefix + name;
      if (isUnsafePath(name)) throw new Rejection('unsafe-path', `压缩包中的“${printable(name).slice(0, 80)}”试图写到收件文件夹以外，整个压缩包已拒收。${ADVICE.resend}`);
      if (++budget.entries > limits.maxEntries) throw new Rejection('zip-bomb', `压缩包中的文件超过 ${limits.maxEntries} 个，疑似压缩炸弹，已拒收。`);
      if (name.endsWith('/')) continue;
      if (entry.isEncrypted() || entry.generalPurposeBitFlag & 0x0040) throw new Rejection('encrypted', `压缩包中的“${baseName(name)}”设有密码。${ADVICE.noPassword}`);
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        notes.push(`已跳过符号链接“${path}”`);
        continue;
      }
      if (isJunk(name)) {
        junk++;
        continue;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new Rejection('unsupported-format', `压缩包中的“${baseName(name)}”使用了不支持的压缩方式（${entry.compressionMethod}）。${ADVICE.resend}`);
      }
      const local = localHeader(fd, entry, archiveSize);
      if (!local || !local.agrees) throw new Rejection('corrupt', `压缩包中“${baseName(name)}”的校验信息前后不一致。${ADVICE.broken}`);
      const start = budget.bytes;
      const guard = (size: number) => {
        signal?.throwIfAborted();
        budget.bytes = start + size;
        if (size > limits.ratioFloorBytes && size / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
          throw new Rejection('zip-bomb', `压缩包中的“${baseName(name)}”解压后异常膨胀（压缩比超过 ${limits.maxRatio}:1），疑似压缩炸弹，已拒收。`);
        }
        if (budget.bytes > limits.maxTotalBytes) {
          const ratio = budget.bytes / Math.max(archiveSize, 1);
          if (ratio > limits.maxRatio) throw new Rejection('zip-bomb', `压缩包解压后远大于其本身（${Math.round(ratio)}:1），疑似压缩炸弹，已拒收。`);
          throw new Rejection('too-large', `压缩包解压后超过 ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB 的上限。请联系该单位压缩照片后分开发送，或在“设置”中调高上限。`);
        }
      };
      let file_: StagedFile;
      try {
        file_ = await stageStream(entryStream(file, entry, local.dataStart), store, guard, { pathInSource: path, name: baseName(name), modifiedAt: entryTime(entry) });
      } catch (error) {
        if (error instanceof Rejection) throw error;
        throw new Rejection('corrupt', `压缩包中的“${baseName(name)}”无法解压（${(error as Error).message}）。${ADVICE.broken}`);
      }
      if (file_.crc32 !== entry.crc32 >>> 0 || file_.size !== entry.uncompressedSize) {
        discard([file_]);
        throw new Rejection('corrupt', `压缩包中的“${baseName(name)}”校验失败（CRC 不符）。${ADVICE.broken}`);
      }
      if (file_.modifiedAt && (!newest || file_.modifiedAt > newest)) newest = file_.modifiedAt;
      if (file_.head.subarray(0, 4).equals(ZIP_MAGIC) && /\.zip$/i.test(name)) {
        if (depth >= limits.maxDepth) {
          discard([file_]);
          throw new Rejection('zip-bomb', `压缩包嵌套超过 ${limits.maxDepth} 层，疑似压缩炸弹，已拒收。${ADVICE.resend}`);
        }
        try {
          const inner = await readZip(file_.tempFile, store, limits, depth + 1, `${path}/`, budget, signal);
          staged.push(...inner.files);
          junk += inner.junk;
          notes.push(`已展开内层压缩包“${path}”`, ...inner.notes);
          if (inner.newestEntryAt && (!newest || inner.newestEntryAt > newest)) newest = inner.newestEntryAt;
        } finally {
          discard([file_]);
        }
        continue;
      }
      staged.push(file_);
    }
  } catch (error) {
    discard(staged);
    if (signal?.aborted) throw error;
    throw asRejection(error);
  } finally {
    zip.close();
    fs.closeSync(fd);
    opened.cleanup();
  }
  return { files: staged, junk, notes, newestEntryAt: newest };
}
