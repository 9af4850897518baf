import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { FileStore } from '../store/store';
import { safeFileName, visibleText } from './fileNames';

const HEAD_BYTES = 4100;

/**
 * A received file, hashed, not yet part of any submission: written to the store's temporary
 * area, or — when small — held in memory until its submission is stored (a rejected source then
 * never touches the disk; creating thousands of temporary files was the cost of many small ZIPs).
 */
export interface StagedFile {
  pathInSource: string;
  name: string;
  size: number;
  sha256: string;
  crc32: number;
  head: Buffer;
  /** Where its bytes are: a temporary file, or memory. */
  tempFile: string | null;
  bytes: Buffer | null;
  modifiedAt: string | null;
}

/** Files up to this size are held in memory, as long as all of them together stay under the cap. */
const IN_MEMORY_FILE = 1024 * 1024;
const IN_MEMORY_CAP = 128 * 1024 * 1024;
let inMemory = 0;

/** The file's bytes as readers take them: a path, or the bytes themselves. */
export function contentOf(file: StagedFile): string | Buffer {
  return file.bytes ?? file.tempFile!;
}

/** A path to the file's bytes, for readers that need one (RAR and 7z): a file held in memory is written out first. */
export function pathOf(file: StagedFile, store: FileStore): string {
  if (file.tempFile) return file.tempFile;
  const temp = store.tempPath();
  fs.writeFileSync(temp, file.bytes!);
  file.tempFile = temp;
  return temp;
}

/** Puts the file into the store under its hash. */
export function commitStaged(store: FileStore, file: StagedFile): void {
  if (file.bytes) store.put(file.bytes, file.sha256);
  if (file.tempFile) store.commit(file.tempFile, file.sha256);
  release(file);
}

function release(file: StagedFile): void {
  if (file.bytes) inMemory -= file.bytes.length;
  file.bytes = null;
  file.tempFile = null;
}

/** Streams bytes into a temporary store file, hashing as they pass; `guard` may abort on size. */
export async function stageStream(
  source: Readable,
  store: FileStore,
  guard: (bytesSoFar: number) => void,
  meta: { pathInSource: string; name: string; modifiedAt: string | null },
): Promise<StagedFile> {
  const tempFile = store.tempPath();
  const hash = crypto.createHash('sha256');
  let size = 0;
  let crc = 0;
  const heads: Buffer[] = [];
  let headLength = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      try {
        guard(size);
      } catch (error) {
        callback(error as Error);
        return;
      }
      hash.update(chunk);
      crc = zlib.crc32(chunk, crc);
      if (headLength < HEAD_BYTES) {
        heads.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, fs.createWriteStream(tempFile, { highWaterMark: 1024 * 1024 }));
  } catch (error) {
    fs.rmSync(tempFile, { force: true });
    throw error;
  }
  // Every received file's name passes here, from any source: shown as it reads, legal everywhere.
  const pathInSource = meta.pathInSource.split('/').map(visibleText).join('/');
  return {
    ...meta,
    pathInSource,
    name: safeFileName(meta.name),
    size,
    sha256: hash.digest('hex'),
    crc32: crc >>> 0,
    head: Buffer.concat(heads),
    tempFile,
    bytes: null,
  };
}

/** The same for bytes already in memory (a small entry read at once): kept there when small, else one write. */
export function stageBuffer(
  bytes: Buffer,
  store: FileStore,
  guard: (bytesSoFar: number) => void,
  meta: { pathInSource: string; name: string; modifiedAt: string | null },
): StagedFile {
  guard(bytes.length);
  const keep = bytes.length <= IN_MEMORY_FILE && inMemory + bytes.length <= IN_MEMORY_CAP;
  let tempFile: string | null = null;
  if (keep) inMemory += bytes.length;
  else {
    tempFile = store.tempPath();
    fs.writeFileSync(tempFile, bytes);
  }
  const pathInSource = meta.pathInSource.split('/').map(visibleText).join('/');
  return {
    ...meta,
    pathInSource,
    name: safeFileName(meta.name),
    size: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    crc32: zlib.crc32(bytes) >>> 0,
    head: Buffer.from(bytes.subarray(0, HEAD_BYTES)),
    tempFile,
    // A copy: the entry may be a slice of a whole archive held in memory, which must not stay alive with it.
    bytes: keep ? Buffer.from(bytes) : null,
  };
}

/** A staged file under the name and place its source gives it. */
export function renamed(file: StagedFile, meta: { pathInSource: string; name: string }): StagedFile {
  return {
    ...file,
    pathInSource: meta.pathInSource.split('/').map(visibleText).join('/'),
    name: safeFileName(meta.name),
  };
}

export function discard(files: Iterable<StagedFile>): void {
  for (const f of files) {
    if (f.tempFile) fs.rmSync(f.tempFile, { force: true });
    release(f);
  }
}
