import type { Readable } from 'node:stream';

export type ArchiveFormat = 'zip' | 'rar' | '7z';

/** One entry as an archive declares it; `unpackArchive` decides what becomes of it. */
export interface ArchiveEntry {
  /** As the archive spells it, decoded, folders separated by '/'. Never used as a path. */
  name: string;
  kind: 'file' | 'folder' | 'link';
  /** Declared size: the bytes must come to exactly this. */
  size: number;
  /** Compressed size where the format keeps one per entry (not inside a solid block). */
  packedSize: number | null;
  /** Declared CRC-32, where the format keeps one (RAR5 may keep BLAKE2 instead, checked by 7-Zip). */
  crc32: number | null;
  encrypted: boolean;
  modifiedAt: string | null;
  /** The entry's bytes; asked for at most once, and before the next entry. */
  open(): Readable;
  /**
   * A small entry's bytes at once, where the format can read them without a stream (ZIP). Many
   * small files are most of what units send; a stream per file costs more in round trips to the
   * thread pool than the bytes do.
   */
  readSmall?(): Buffer;
}

/**
 * One archive being read, whatever its format. A reader does what only its format can (decoding
 * names, its own header checks) and reports the rest; every guard — names, limits counted on
 * real bytes, CRC and size, nesting, encryption, cancel — is applied once, by `unpackArchive`.
 */
export interface ArchiveReader {
  readonly format: ArchiveFormat;
  /** The file the entries come from, for the whole-archive ratio. */
  readonly archiveSize: number;
  /** Entries the archive says it holds, before any is read. */
  readonly declaredEntries: number;
  /** Entries in archive order; throws a Rejection when the archive turns out bad, even after the last. */
  entries(): AsyncIterable<ArchiveEntry>;
  close(): void;
}

export const FORMAT_LABEL: Record<ArchiveFormat, string> = { zip: 'ZIP', rar: 'RAR', '7z': '7z' };
