import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { DeskError } from '../contract/errors';
import {
  BACKUP_FORMAT_VERSION,
  DATABASE_ENTRY,
  FILE_ENTRY,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  MAX_JSON_ENTRY,
  headerSchema,
  manifestSchema,
  type BackupHeader,
  type BackupManifest,
} from './format';
import type { BackupJob } from './pack';

/** Where one entry's bytes go while they are hashed; a failed read discards every sink. */
interface EntrySink {
  write(chunk: Buffer): void;
  close(): Promise<void>;
  discard(): void;
}

export interface ReadHandlers {
  /** Called once the header is known, before anything else is read: refuse a newer schema here. */
  onHeader?(header: BackupHeader): void;
  database(): EntrySink;
  /** A stored file's sink, or null to only check its hash. */
  file?(sha256: string): EntrySink | null;
}

export interface BackupContents {
  header: BackupHeader;
  manifest: BackupManifest;
}

const notBackup = (why: string) =>
  new DeskError(
    'not-a-backup',
    `这不是组委会工作台的备份文件（${why}）。请选择以 .deskbackup 结尾、由“备份与恢复”生成的文件。`,
  );
const damaged = (why: string, details?: { mismatched: string[] }) =>
  new DeskError(
    'backup-damaged',
    `备份文件已损坏或不完整：${why}。请换一份备份（自动备份保存在备份文件夹中）。`,
    details,
  );

async function readJson(entry: AsyncIterable<unknown> & { header: tar.Header }, what: string): Promise<unknown> {
  if ((entry.header.size ?? 0) > MAX_JSON_ENTRY) throw damaged(`${what}过大`);
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw damaged(`${what}无法读取`);
  }
}

/**
 * Reads a backup start to end, hashing every entry against the manifest, and hands the bytes to
 * the sinks. Throws `not-a-backup` (not ours at all), `backup-too-new` (a newer format) or
 * `backup-damaged` naming what is wrong; on any failure every sink is discarded.
 */
export async function readBackup(
  input: string | AsyncIterable<Buffer>,
  handlers: ReadHandlers,
  job: BackupJob = {},
): Promise<BackupContents> {
  const extract = tar.extract();
  const source =
    typeof input === 'string' ? fs.createReadStream(input, { highWaterMark: 1 << 20 }) : Readable.from(input);
  const feeding = pipeline(source, extract);
  feeding.catch(() => undefined);
  const sinks: EntrySink[] = [];
  const seen = new Map<string, string>();
  let header: BackupHeader | null = null;
  let manifest: BackupManifest | null = null;
  let database: { sha256: string; size: number } | null = null;
  let entries = 0;
  let bytesDone = 0;
  let lastReport = 0;
  try {
    try {
      for await (const entry of extract) {
        const name = entry.header.name;
        job.signal?.throwIfAborted();
        if (entries++ === 0) {
          if (name !== HEADER_ENTRY) throw notBackup('缺少备份说明');
          const parsed = headerSchema.safeParse(await readJson(entry, '备份说明').catch(() => null));
          if (!parsed.success) throw notBackup('备份说明不是本程序的格式');
          if (parsed.data.formatVersion > BACKUP_FORMAT_VERSION) {
            throw new DeskError(
              'backup-too-new',
              `这份备份由更新版本的组委会工作台（${parsed.data.appVersion}）生成，请先升级本程序再恢复。`,
            );
          }
          header = parsed.data;
          handlers.onHeader?.(header);
          continue;
        }
        if (manifest) throw damaged('清单之后还有内容');
        if (entry.header.type !== 'file') throw damaged(`有不认识的条目“${name.slice(0, 80)}”`);
        if (name === MANIFEST_ENTRY) {
          const parsed = manifestSchema.safeParse(await readJson(entry, '文件清单'));
          if (!parsed.success) throw damaged('文件清单格式不对');
          manifest = parsed.data;
          continue;
        }
        const match = FILE_ENTRY.exec(name);
        const sha = match?.[2] ?? '';
        if (name !== DATABASE_ENTRY && (!match || match[1] !== sha.slice(0, 2)))
          throw damaged(`有不认识的条目“${name.slice(0, 80)}”`);
        if (seen.has(name) || (name === DATABASE_ENTRY && database))
          throw damaged(`条目“${name.slice(0, 80)}”出现了两次`);
        const sink = name === DATABASE_ENTRY ? handlers.database() : (handlers.file?.(sha) ?? null);
        if (sink) sinks.push(sink);
        const hash = crypto.createHash('sha256');
        let size = 0;
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          sink?.write(chunk);
          bytesDone += chunk.length;
          if (Date.now() - lastReport > 200) {
            lastReport = Date.now();
            job.signal?.throwIfAborted();
            job.progress?.({
              done: seen.size,
              total: header!.files,
              message: '正在检查备份',
              bytesDone,
              bytesTotal: header!.bytes,
            });
          }
        }
        await sink?.close();
        if (name === DATABASE_ENTRY) database = { sha256: hash.digest('hex'), size };
        else seen.set(sha, hash.digest('hex'));
      }
    } catch (error) {
      if (error instanceof DeskError || job.signal?.aborted) throw error;
      if (!header) throw notBackup('不是备份文件的格式');
      // tar-stream says "Unexpected end of data" for a file cut short (a copy that did not finish).
      if (/unexpected end/i.test((error as Error).message ?? ''))
        throw damaged(`文件在中途被截断（只读到 ${seen.size} / ${header.files} 个存储文件），可能是复制没有完成`);
      throw damaged(`第 ${entries} 个条目之后内容错乱`);
    }
    if (!header) throw notBackup('文件是空的');
    if (!manifest)
      throw damaged(`文件在中途被截断（只读到 ${Math.max(0, seen.size)} / ${header.files} 个存储文件，没有文件清单）`);
    checkAgainstManifest(header, manifest, database, seen);
    return { header, manifest };
  } catch (error) {
    for (const sink of sinks) sink.discard();
    source.destroy();
    throw error;
  }
}

function checkAgainstManifest(
  header: BackupHeader,
  manifest: BackupManifest,
  database: { sha256: string; size: number } | null,
  seen: Map<string, string>,
): void {
  if (!database) throw damaged('缺少数据库');
  if (
    database.sha256 !== manifest.database.sha256 ||
    database.size !== manifest.database.size ||
    database.sha256 !== header.databaseSha256
  ) {
    throw damaged('数据库内容与清单不符');
  }
  const mismatched: string[] = [];
  for (const file of manifest.files) {
    const actual = seen.get(file.sha256);
    if (actual === undefined) throw damaged(`缺少文件 ${file.sha256.slice(0, 12)}…`);
    if (actual !== file.sha256) mismatched.push(file.sha256);
  }
  if (mismatched.length) {
    const first = mismatched[0]!.slice(0, 12);
    throw damaged(
      `${mismatched.length > 1 ? `${mismatched.length} 个文件（如 ${first}…）` : `文件 ${first}…`}内容与清单不符`,
      { mismatched },
    );
  }
  if (seen.size !== manifest.files.length) throw damaged('存储文件与清单的数目不符');
  if (header.files !== seen.size) throw damaged('存储文件与备份说明的数目不符');
}
