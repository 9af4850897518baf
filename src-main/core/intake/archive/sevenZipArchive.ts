import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CHINA_OFFSET_MS } from '../../../common/chinaTime';
import type { FileStore } from '../../store/store';
import { failureInChinese } from './failureWords';
import { ADVICE, Rejection } from '../rejection';
import { sevenZipHeaderEncrypted, type ArchiveSignature } from './detect';
import { readRar4Headers } from './rar4Headers';
import { ForgedListing, listedNumber, listedTime, parseListing, type ListedItem } from './sevenZipListing';
import { SevenZipRun, runSevenZip, type SevenZipResult } from './sevenZipThread';
import type { ArchiveEntry, ArchiveReader } from './types';
import { volumeNames } from './volumes';

type Signature = Extract<ArchiveSignature, { format: 'rar' | '7z' }>;

const LABEL = { rar: 'RAR 压缩包', '7z': '7z 压缩包' } as const;
const CHUNK = 1024 * 1024;
export const MISSING_VOLUMES =
  '这是分卷压缩包的一部分，缺少其余分卷，单独无法打开。请联系该单位把全部分卷（.part1.rar、.part2.rar……）在同一封邮件中一起发送，或改用一个 ZIP 文件。';

function typeSwitch(signature: Signature): string {
  if (signature.format === '7z') return '-t7z';
  return signature.version === 5 ? '-trar5' : '-trar';
}

/** Why 7-Zip failed, for the office's message: its last error mapped to Chinese, never its raw English. */
function failure(result: SevenZipResult): string {
  const said = result.errors
    .map((l) =>
      l
        .replace(/^ERROR:\s*/, '')
        .replace(/\/in\/\S+\s*:?\s*/g, '')
        .trim(),
    )
    .filter((l) => l && !/^(ERRORS?:|Errors: \d+)$/.test(l));
  const last = said.at(-1);
  if (last === undefined) return result.aborted ? '文件头无法解析' : `7-Zip 退出码 ${result.exitCode}`;
  return failureInChinese(last);
}

function wrongPassword(result: SevenZipResult): boolean {
  return result.errors.some((l) => /encrypted archive|Wrong password/i.test(l));
}

/** Codec IDs 7-Zip prints for methods its build lacks, named for the office. */
const METHOD_NAMES: Record<string, string> = {
  '04F71101': 'Zstandard',
  '04F71102': 'Brotli',
  '04F71104': 'LZ4',
  '04F71105': 'LZ5',
  '04F71106': 'Lizard',
};

/** Why a decode that did not finish failed, in the office's terms. */
function runRejection(result: SevenZipResult, label: string, methods: string[]): Rejection {
  if (wrongPassword(result)) return new Rejection('encrypted', `${label}设有密码。${ADVICE.noPassword}`);
  if (result.errors.some((l) => /Unsupported Method/i.test(l))) {
    const named = [
      ...new Set(
        methods
          .flatMap((m) => m.split(/[:\s]+/))
          .filter((m) => /^[0-9A-F]{6,}$/.test(m))
          .map((m) => METHOD_NAMES[m] ?? `方法 ${m}`),
      ),
    ];
    return new Rejection(
      'unsupported-format',
      `${label}使用了程序不支持的压缩方法${named.length ? `（${named.join('、')}）` : ''}，常见于 7-Zip ZS、NanaZip 等软件。请联系该单位用标准 7-Zip、WinRAR 或改用 ZIP 重新压缩后发送。`,
    );
  }
  return new Rejection('corrupt', `${label}中的文件无法完整解压（${failure(result)}）。${ADVICE.broken}`);
}

/**
 * RAR (4 and 5, solid, multi-volume when every part is given) and 7z, read by 7-Zip 24.09 compiled
 * to WebAssembly (npm `7z-wasm`; why this one: docs/intake.md). 7-Zip lists the archive first;
 * then one run decodes every wanted entry, in archive order, into a single stream that is cut
 * into files by their declared sizes — nothing from the archive is ever written under its own name.
 */
export class SevenZipArchive implements ArchiveReader {
  readonly format: 'rar' | '7z';
  readonly archiveSize: number;
  declaredEntries = 0;
  private run: SevenZipRun | null = null;
  private items: ListedItem[] = [];
  private solid = false;
  private rar4: ReturnType<typeof readRar4Headers> = null;

  private constructor(
    private readonly folder: string,
    private readonly archiveName: string,
    private readonly signature: Signature,
  ) {
    this.format = signature.format;
    this.archiveSize = fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
  }

  /**
   * `volumes` are the archive's files in order (one, or every part of a set); they are linked into
   * a private folder under names chosen here, so 7-Zip sees nothing else beside them.
   */
  static async open(
    volumes: string[],
    signature: Signature,
    store: FileStore,
    maxEntries: number,
    scheme: 'part' | 'old' = 'part',
  ): Promise<SevenZipArchive> {
    const folder = store.tempPath();
    fs.mkdirSync(folder);
    const names =
      volumes.length === 1
        ? [`archive.${signature.format === '7z' ? '7z' : 'rar'}`]
        : volumeNames(volumes.length, scheme);
    const archive = new SevenZipArchive(folder, names[0]!, signature);
    try {
      volumes.forEach((file, i) => {
        const target = path.join(folder, names[i]!);
        try {
          fs.linkSync(file, target);
        } catch {
          fs.copyFileSync(file, target);
        }
      });
      await archive.list(volumes.length, maxEntries);
      return archive;
    } catch (error) {
      archive.close();
      throw error;
    }
  }

  private async list(volumeCount: number, maxEntries: number): Promise<void> {
    const label = LABEL[this.format];
    if (this.signature.format === 'rar' && this.signature.headersEncrypted)
      throw new Rejection('encrypted', `${label}连文件名都设了密码。${ADVICE.noPassword}`);
    const file = path.join(this.folder, this.archiveName);
    if (this.format === '7z' && sevenZipHeaderEncrypted(file))
      throw new Rejection('encrypted', `${label}连文件名都设了密码。${ADVICE.noPassword}`);
    const result = await runSevenZip(
      this.folder,
      ['l', '-slt', '-sccUTF-8', '-p', typeSwitch(this.signature), `/in/${this.archiveName}`],
      maxEntries,
    );
    if (result.overflow)
      throw new Rejection('zip-bomb', `${label}中的文件超过 ${maxEntries} 个，疑似压缩炸弹，已拒收。${ADVICE.repack}`);
    if (wrongPassword(result)) throw new Rejection('encrypted', `${label}设有密码。${ADVICE.noPassword}`);
    let listing: ReturnType<typeof parseListing>;
    try {
      listing = parseListing(result.lines);
    } catch (error) {
      if (error instanceof ForgedListing)
        throw new Rejection('unsafe-path', `${label}中有含换行符的文件名，整个压缩包已拒收。${ADVICE.repack}`);
      throw error;
    }
    // A first part alone lists as a volume set with its other parts missing (and 7-Zip says so).
    if (listing?.archive.get('Multivolume') === '+') {
      const parts = listedNumber(listing.archive.get('Volumes')) ?? 1;
      const cut = listing.items.some((item) => item.get('Split After') === '+' || item.get('Split Before') === '+');
      if (parts > volumeCount || cut || /Missing volume/i.test(listing.archive.get('ERROR') ?? ''))
        throw new Rejection('unsupported-format', MISSING_VOLUMES);
    }
    if (result.exitCode !== 0 || !listing || listing.flagged)
      throw new Rejection('corrupt', `${label}无法读取（${failure(result)}）。${ADVICE.broken}`);
    this.items = listing.items;
    this.declaredEntries = listing.items.length;
    this.solid = listing.archive.get('Solid') === '+';
    if (this.signature.format === 'rar' && this.signature.version === 4 && volumeCount === 1) {
      const headers = readRar4Headers(file, maxEntries);
      this.rar4 = headers && headers.length === this.items.length ? headers : null;
    }
  }

  private entryOf(item: ListedItem, index: number): ArchiveEntry {
    const rar4 = this.rar4?.[index];
    const name = rar4?.legacyName ?? item.get('Path') ?? '';
    const link =
      !!(item.get('Symbolic Link') || item.get('Hard Link') || item.get('Copy Link')) ||
      /(?:^|\s)l[rwxsStT-]{9}$/.test(item.get('Attributes') ?? '') ||
      !!rar4?.symlink;
    const folder = item.get('Folder') === '+' || /^D/.test(item.get('Attributes') ?? '');
    const stream = item.get('Alternate Stream') === '+';
    const crc = item.get('CRC');
    const packed = listedNumber(item.get('Packed Size'));
    // RAR4 keeps DOS (local, so China) times; 7z and RAR5 keep UTC.
    const offset = this.signature.format === 'rar' && this.signature.version === 4 ? CHINA_OFFSET_MS : 0;
    const kind = folder ? 'folder' : link || stream ? 'link' : 'file';
    return {
      name,
      kind,
      size: listedNumber(item.get('Size')) ?? 0,
      packedSize: this.solid || !packed ? null : packed,
      crc32: crc && /^[0-9A-F]{8}$/.test(crc) ? Number.parseInt(crc, 16) : null,
      encrypted: item.get('Encrypted') === '+',
      modifiedAt: listedTime(item.get('Modified'), offset),
      open: () => this.take(listedNumber(item.get('Size')) ?? 0, name),
    };
  }

  async *entries(): AsyncIterable<ArchiveEntry> {
    const entries = this.items.map((item, i) => this.entryOf(item, i));
    // Links are never made and alternate streams never kept: they are left out of the decode.
    const skipped = this.items.filter((_, i) => entries[i]!.kind === 'link').map((item) => `-x!${item.get('Path')}`);
    let owed = 0;
    for (const entry of entries) {
      if (entry.kind === 'file' && entry.size > 0 && !this.run) {
        this.run = new SevenZipRun(
          this.folder,
          [
            'x',
            '-so',
            '-p',
            '-spd',
            '-y',
            '-sccUTF-8',
            typeSwitch(this.signature),
            ...skipped,
            '--',
            `/in/${this.archiveName}`,
          ],
          true,
        );
      }
      if (owed > 0) await this.skip(owed);
      const taken = (this.current = { taken: 0 });
      yield entry;
      owed = entry.kind === 'file' ? entry.size - taken.taken : 0;
    }
    if (owed > 0) await this.skip(owed);
    if (!this.run) return;
    const extra = await this.run.read(1);
    const result = await this.run.result;
    if (extra || result.exitCode !== 0) throw this.failed(result);
  }

  private failed(result: SevenZipResult): Rejection {
    return runRejection(
      result,
      LABEL[this.format],
      this.items.map((item) => item.get('Method') ?? ''),
    );
  }

  private current = { taken: 0 };

  /** The next `size` bytes of the decode, as the current entry's stream. */
  private take(size: number, name: string): Readable {
    const run = this.run;
    const state = this.current;
    const stream: Readable = new Readable({
      highWaterMark: CHUNK,
      read: () => {
        const wanted = Math.min(CHUNK, size - state.taken);
        if (wanted <= 0) return void stream.push(null);
        if (!run) return void stream.destroy(new Error(`“${name}”没有数据`));
        run.read(wanted).then(
          (chunk) => {
            // 7-Zip stopped short of the declared size: its own words say why.
            if (!chunk)
              return void run.result.then((result) =>
                stream.destroy(result.exitCode === 0 ? new Error('解压出的数据比声明的短') : this.failed(result)),
              );
            state.taken += chunk.length;
            stream.push(chunk);
          },
          (error: Error) => stream.destroy(error),
        );
      },
    });
    return stream;
  }

  private async skip(bytes: number): Promise<void> {
    for (let left = bytes; left > 0;) {
      const chunk = await this.run?.read(Math.min(CHUNK, left));
      if (!chunk) return;
      left -= chunk.length;
    }
  }

  close(): void {
    this.run?.stop();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}
