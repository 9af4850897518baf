import type { FileStore } from '../../store/store';
import { readHead } from '../fileBytes';
import type { IntakeLimits } from '../limits';
import { ADVICE, Rejection } from '../rejection';
import { failureInChinese } from './failureWords';
import { contentOf, discard, pathOf, stageBuffer, stageStream, type StagedFile } from '../staging';
import { baseName, isJunk, isUnsafePath, printable } from '../zipNames';
import { archiveSignature, type ArchiveSignature } from './detect';
import { MISSING_VOLUMES, SevenZipArchive } from './sevenZipArchive';
import { FORMAT_LABEL, type ArchiveReader } from './types';
import type { VolumeSet } from './volumes';
import { ZipArchive } from './zipArchive';

/** Entries up to this size (declared and packed) are read at once instead of streamed. */
const SMALL = 1024 * 1024;

/** What all archives of one source have used so far, nested ones included. */
export interface ArchiveBudget {
  bytes: number;
  entries: number;
}

export interface ArchiveContents {
  files: StagedFile[];
  junk: number;
  notes: string[];
  /** Newest entry time inside, as the archive's evidence of when it was made. */
  newestEntryAt: string | null;
}

/** Documents that are ZIP packages underneath, by name: kept whole, never unpacked. */
const PACKAGE_NAME = /\.(docx|docm|dotx|xlsx|xlsm|pptx|odt|ods|odp|odg|ofd|epub|jar|apk|ipa|xps|oxps|3mf|vsdx|kmz)$/i;
/** A package's first entry (OOXML, ODF, OFD) when its name does not say what it is. */
const PACKAGE_FIRST_ENTRY = new Set([
  '[Content_Types].xml',
  'mimetype',
  'OFD.xml',
  '_rels/.rels',
  'META-INF/MANIFEST.MF',
]);

/** The name of a ZIP's first entry, from its local header (the first bytes of the file). */
function firstEntryName(head: Buffer): string | null {
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return null;
  const length = head.readUInt16LE(26);
  return head.length >= 30 + length ? head.subarray(30, 30 + length).toString('latin1') : null;
}

/**
 * The archive a file's first bytes say it is, to be unpacked where it was found — by content, not
 * by name: a ZIP named .rar (a real one, 实验报告.rar) is unpacked; a .docx or .odt, a ZIP too, is a
 * document. RAR and 7z hold no documents.
 */
export function nestedArchive(head: Buffer, name: string): ArchiveSignature | null {
  const signature = archiveSignature(head);
  if (!signature || signature.format !== 'zip') return signature;
  if (/\.zip$/i.test(name)) return signature;
  const first = firstEntryName(head);
  return PACKAGE_NAME.test(name) || (first !== null && PACKAGE_FIRST_ENTRY.has(first)) ? null : signature;
}

/** Opens one archive (or the parts of one multi-volume RAR, in order) with the reader for its format. */
async function openArchive(
  input: ArchiveInput,
  signature: ArchiveSignature,
  store: FileStore,
  limits: IntakeLimits,
): Promise<ArchiveReader> {
  if (Buffer.isBuffer(input)) {
    if (signature.format !== 'zip') throw new Error('only a ZIP is read from memory');
    return ZipArchive.open(input, store);
  }
  const volumes = typeof input === 'string' ? [input] : input.parts;
  if (signature.format === 'zip') return ZipArchive.open(volumes[0]!, store);
  if (signature.format === 'rar' && signature.volume === 'later' && volumes.length === 1)
    throw new Rejection('unsupported-format', MISSING_VOLUMES);
  return SevenZipArchive.open(
    volumes,
    signature,
    store,
    limits.maxEntries,
    typeof input === 'string' ? 'part' : input.scheme,
  );
}

/** One archive file, every part of a multi-volume set in order, or a ZIP in memory. */
export type ArchiveInput = string | VolumeSet<string> | Buffer;

export interface UnpackOptions {
  depth: number;
  /** Prefix for every path in the source (`外层.zip/`), so nested files show where they came from. */
  prefix: string;
  budget: ArchiveBudget;
  signal?: AbortSignal;
}

function sizeGuard(
  limits: IntakeLimits,
  reader: ArchiveReader,
  budget: ArchiveBudget,
  name: string,
  packedSize: number | null,
  signal?: AbortSignal,
) {
  const start = budget.bytes;
  return (size: number) => {
    signal?.throwIfAborted();
    budget.bytes = start + size;
    if (packedSize !== null && size > limits.ratioFloorBytes && size / Math.max(packedSize, 1) > limits.maxRatio) {
      throw new Rejection(
        'zip-bomb',
        `压缩包中的“${baseName(name)}”解压后异常膨胀（压缩比超过 ${limits.maxRatio}:1），疑似压缩炸弹，已拒收。`,
      );
    }
    if (budget.bytes > limits.maxTotalBytes) tooBig(limits, budget.bytes, reader.archiveSize);
  };
}

function tooBig(limits: IntakeLimits, bytes: number, archiveSize: number): never {
  const ratio = bytes / Math.max(archiveSize, 1);
  if (ratio > limits.maxRatio)
    throw new Rejection('zip-bomb', `压缩包解压后远大于其本身（${Math.round(ratio)}:1），疑似压缩炸弹，已拒收。`);
  throw new Rejection(
    'too-large',
    `压缩包解压后超过 ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB 的上限。请联系该单位压缩照片后分开发送，或在“设置”中调高上限。`,
  );
}

/**
 * Unpacks one archive into the store's temporary area, checking everything while streaming: names
 * (any unsafe one rejects the whole archive), encryption, CRCs and sizes, and the real — not
 * declared — bytes against the limits. Archives inside (ZIP, RAR, 7z) are unpacked in place, to
 * `limits.maxDepth`. On any refusal nothing it staged is kept.
 */
async function unpackArchive(
  reader: ArchiveReader,
  store: FileStore,
  limits: IntakeLimits,
  options: UnpackOptions,
): Promise<ArchiveContents> {
  const { budget, signal, prefix } = options;
  const staged: StagedFile[] = [];
  const notes: string[] = [];
  let junk = 0;
  let newest: string | null = null;
  const label = FORMAT_LABEL[reader.format];
  try {
    if (reader.declaredEntries > limits.maxEntries)
      throw new Rejection(
        'zip-bomb',
        `压缩包声称含有 ${reader.declaredEntries} 个文件，超过上限 ${limits.maxEntries}，疑似压缩炸弹，已拒收。`,
      );
    for await (const entry of reader.entries()) {
      signal?.throwIfAborted();
      const { name } = entry;
      const path = prefix + name;
      if (isUnsafePath(name))
        throw new Rejection(
          'unsafe-path',
          `压缩包中的“${printable(name).slice(0, 80)}”试图写到收件文件夹以外，整个压缩包已拒收。${ADVICE.repack}`,
        );
      if (++budget.entries > limits.maxEntries)
        throw new Rejection('zip-bomb', `压缩包中的文件超过 ${limits.maxEntries} 个，疑似压缩炸弹，已拒收。`);
      if (entry.kind === 'folder') continue;
      if (entry.encrypted)
        throw new Rejection('encrypted', `${label} 压缩包中的“${baseName(name)}”设有密码。${ADVICE.noPassword}`);
      if (entry.kind === 'link') {
        notes.push(`已跳过链接“${path}”（不会创建链接）`);
        continue;
      }
      if (isJunk(name)) {
        junk++;
        continue;
      }
      // Declared sizes alone can refuse a bomb before a byte is decoded; real bytes are counted below.
      if (budget.bytes + entry.size > limits.maxTotalBytes) {
        // A truncated archive declares sizes it cannot hold: its reader calls it corrupt first.
        entry.open().destroy();
        tooBig(limits, budget.bytes + entry.size, reader.archiveSize);
      }
      const guard = sizeGuard(limits, reader, budget, name, entry.packedSize, signal);
      const meta = { pathInSource: path, name: baseName(name), modifiedAt: entry.modifiedAt };
      let file: StagedFile;
      try {
        const small = entry.readSmall && entry.size <= SMALL && (entry.packedSize ?? Infinity) <= SMALL;
        file = small
          ? stageBuffer(entry.readSmall!(), store, guard, meta)
          : await stageStream(entry.open(), store, guard, meta);
      } catch (error) {
        if (error instanceof Rejection || signal?.aborted) throw error;
        throw new Rejection(
          'corrupt',
          `压缩包中的“${baseName(name)}”无法解压（${failureInChinese((error as Error).message)}）。${ADVICE.broken}`,
        );
      }
      if ((entry.crc32 !== null && file.crc32 !== entry.crc32) || file.size !== entry.size) {
        discard([file]);
        throw new Rejection(
          'corrupt',
          `压缩包中的“${baseName(name)}”校验失败（${file.size !== entry.size ? `解压得 ${file.size} 字节，应为 ${entry.size}` : 'CRC 不符'}）。${ADVICE.broken}`,
        );
      }
      if (file.modifiedAt && (!newest || file.modifiedAt > newest)) newest = file.modifiedAt;
      const nested = nestedArchive(file.head, name);
      if (!nested) {
        staged.push(file);
        continue;
      }
      try {
        if (options.depth >= limits.maxDepth)
          throw new Rejection(
            'zip-bomb',
            `压缩包嵌套超过 ${limits.maxDepth} 层，疑似压缩炸弹，已拒收。${ADVICE.noNesting}`,
          );
        const inner = await readArchive(
          nested.format === 'zip' ? contentOf(file) : pathOf(file, store),
          nested,
          store,
          limits,
          { ...options, depth: options.depth + 1, prefix: `${path}/` },
        );
        staged.push(...inner.files);
        junk += inner.junk;
        notes.push(`已展开内层压缩包“${path}”`, ...inner.notes);
        if (inner.newestEntryAt && (!newest || inner.newestEntryAt > newest)) newest = inner.newestEntryAt;
      } finally {
        discard([file]);
      }
    }
  } catch (error) {
    discard(staged);
    if (error instanceof Rejection || signal?.aborted) throw error;
    throw new Rejection(
      'corrupt',
      `压缩包无法读取（${failureInChinese(error instanceof Error ? error.message : String(error))}）。${ADVICE.broken}`,
    );
  }
  return { files: staged, junk, notes, newestEntryAt: newest };
}

/** Opens and unpacks one archive file; its reader is closed whatever happens. */
export async function readArchive(
  input: ArchiveInput,
  signature: ArchiveSignature | null,
  store: FileStore,
  limits: IntakeLimits,
  options: UnpackOptions,
): Promise<ArchiveContents> {
  const head = Buffer.isBuffer(input)
    ? input.subarray(0, 4100)
    : readHead(typeof input === 'string' ? input : input.parts[0]!);
  const known = signature ?? archiveSignature(head) ?? { format: 'zip' as const };
  const reader = await openArchive(input, known, store, limits);
  try {
    return await unpackArchive(reader, store, limits, options);
  } finally {
    reader.close();
  }
}
