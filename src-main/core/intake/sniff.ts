import { fileTypeFromBuffer } from 'file-type';

/** What the first bytes of a file say it is, whatever its name claims. */
export interface Sniffed {
  ext: string | null;
  mime: string | null;
}

/** Archive formats intake cannot open, by name, so the message can say what the file really is. */
const FOREIGN_ARCHIVES: Record<string, string> = {
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
  gz: 'gzip 压缩文件',
  bz2: 'bzip2 压缩文件',
  xz: 'xz 压缩文件',
  tar: 'tar 归档',
  cab: 'CAB 压缩包',
  zst: 'zstd 压缩文件',
  lz: 'lzip 压缩文件',
  arj: 'ARJ 压缩包',
};

export async function sniff(head: Uint8Array): Promise<Sniffed> {
  const type = await fileTypeFromBuffer(head).catch(() => undefined);
  if (type) return { ext: type.ext, mime: type.mime };
  // Plain text (a .txt summary) has no magic number: accept it when the start decodes as text.
  const sample = head.subarray(0, 2048);
  if (sample.length && !sample.includes(0)) return { ext: 'txt', mime: 'text/plain' };
  return { ext: null, mime: null };
}

function foreignArchiveName(ext: string | null): string | null {
  return ext ? (FOREIGN_ARCHIVES[ext] ?? null) : null;
}

/** A human name for what a source file really is, for the unsupported-format message. */
export function describeFormat(sniffed: Sniffed): string {
  if (!sniffed.ext) return '无法识别的文件';
  return foreignArchiveName(sniffed.ext) ?? `${sniffed.ext.toUpperCase()} 文件`;
}
