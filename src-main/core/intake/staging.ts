import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { FileStore } from '../store/store';
import { safeFileName, visibleText } from './fileNames';

const HEAD_BYTES = 4100;

/** A file written to the store's temporary area and hashed, not yet part of any submission. */
export interface StagedFile {
  pathInSource: string;
  name: string;
  size: number;
  sha256: string;
  crc32: number;
  head: Buffer;
  tempFile: string;
  modifiedAt: string | null;
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
  return { ...meta, pathInSource, name: safeFileName(meta.name), size, sha256: hash.digest('hex'), crc32: crc >>> 0, head: Buffer.concat(heads), tempFile };
}

/** The same for bytes already in memory (a small entry read at once): no stream, one write. */
export function stageBuffer(bytes: Buffer, store: FileStore, guard: (bytesSoFar: number) => void, meta: { pathInSource: string; name: string; modifiedAt: string | null }): StagedFile {
  guard(bytes.length);
  const tempFile = store.tempPath();
  fs.writeFileSync(tempFile, bytes);
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
  };
}

export function discard(files: Iterable<{ tempFile: string }>): void {
  for (const f of files) fs.rmSync(f.tempFile, { force: true });
}
