import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DeskError } from '../contract/errors';
import { readBackup, type BackupContents, type ReadHandlers } from './read';
import { fileSink } from './sinks';
import { removeSnapshot } from './snapshot';
import type { BackupJob } from './write';

/** SQLite's own checks on a database file that is not (yet) the live one. */
export function checkDatabaseFile(file: string, nativeBinding?: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    throw new DeskError('backup-damaged', '备份中的数据库无法打开。请换一份备份。');
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new DeskError('backup-damaged', `备份中的数据库未通过完整性检查（${String(integrity).slice(0, 200)}）。请换一份备份。`);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new DeskError('backup-damaged', `备份中的数据库有 ${broken.length} 处数据关联错误。请换一份备份。`);
  } catch (error) {
    if (error instanceof DeskError) throw error;
    throw new DeskError('backup-damaged', '备份中的数据库不是本程序的数据库。请换一份备份。');
  } finally {
    db.close();
  }
}

export interface VerifyOptions extends BackupJob {
  nativeBinding?: string;
  onHeader?: ReadHandlers['onHeader'];
}

/** Reads the whole backup back: every hash against its manifest, and the database opened and checked by SQLite. */
export async function verifyBackup(file: string, options: VerifyOptions = {}, bytes?: AsyncIterable<Buffer>): Promise<BackupContents> {
  const copy = path.join(path.dirname(file), `.verify-${process.pid}-${crypto.randomBytes(6).toString('hex')}.sqlite`);
  try {
    const contents = await readBackup(bytes ?? file, { onHeader: options.onHeader, database: () => fileSink(copy) }, options);
    checkDatabaseFile(copy, options.nativeBinding);
    return contents;
  } finally {
    removeSnapshot(copy);
  }
}
