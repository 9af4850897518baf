import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { problemsOf } from '../db/fileCheck';
import { DeskError } from '../contract/errors';
import { readBackup, type BackupContents, type ReadHandlers } from './read';
import { fileSink } from './sinks';
import { removeSnapshot } from './snapshot';
import type { BackupJob } from './pack';

/** A backup's database as SQLite itself judges it. */
export function checkDatabaseFile(file: string, nativeBinding?: string): void {
  refuseDatabase(problemsOf(file, nativeBinding));
}

/** The refusal of a backup whose database SQLite found a problem in (none: nothing happens). */
export function refuseDatabase(problem: string | null): void {
  if (problem) throw new DeskError('backup-damaged', `备份中的数据库${problem}。请换一份备份。`);
}

export interface VerifyOptions extends BackupJob {
  nativeBinding?: string;
  onHeader?: ReadHandlers['onHeader'];
  /** Where the database copy is checked (the data folder's scratch): not beside a backup on a USB stick. */
  scratch?: string;
  /**
   * The database this backup was written from, already checked by SQLite (`writeBackup` checks its
   * snapshot on another thread while it writes): the copy read back is only compared with it, byte
   * for byte through the manifest's hash, not checked again.
   */
  databaseChecked?: boolean;
}

/** Reads the whole backup back: every hash against its manifest, and the database opened and checked by SQLite. */
export async function verifyBackup(
  file: string,
  options: VerifyOptions = {},
  bytes?: AsyncIterable<Buffer>,
): Promise<BackupContents> {
  const dir = options.scratch ?? path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, `.verify-${process.pid}-${crypto.randomBytes(6).toString('hex')}.sqlite`);
  try {
    // Already checked at its source: its bytes are only hashed (by readBackup), not copied out and checked again.
    const database = () =>
      options.databaseChecked ? { write() {}, close: async () => {}, discard() {} } : fileSink(copy);
    const contents = await readBackup(bytes ?? file, { onHeader: options.onHeader, database }, options);
    if (!options.databaseChecked) checkDatabaseFile(copy, options.nativeBinding);
    return contents;
  } finally {
    removeSnapshot(copy);
  }
}
