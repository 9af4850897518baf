import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../transfer/atomic';
import { BACKUP_KINDS } from './format';

/**
 * This computer's backup settings and the record of the last backups. Kept in a file beside the
 * database, not in it: a USB drive's path belongs to this PC (a restore onto another must not
 * bring it along), and writing "backed up at …" into the database would itself be a change that
 * the next automatic backup had to save.
 */
export const backupSettingsSchema = z.object({
  /** Automatic backups on (at most daily, when something changed). */
  auto: z.boolean(),
  /** Another folder for them (a USB drive, a network share); null: the data folder's own `backups`. */
  folder: z.string().min(1).max(4096).nullable(),
});
export type BackupSettings = z.output<typeof backupSettingsSchema>;

const recordSchema = z.object({
  at: z.iso.datetime(),
  file: z.string(),
  kind: z.enum(BACKUP_KINDS),
  size: z.number(),
  databaseSha256: z.string(),
});

const stateSchema = z.object({
  settings: backupSettingsSchema,
  last: recordSchema.nullable(),
  /** When the automatic backup last ran (found nothing changed, or wrote one), and why it last failed. */
  lastCheck: z.iso.datetime().nullable(),
  lastError: z.object({ at: z.iso.datetime(), message: z.string() }).nullable(),
});
export type BackupState = z.output<typeof stateSchema>;

const DEFAULT_STATE: BackupState = {
  settings: { auto: true, folder: null },
  last: null,
  lastCheck: null,
  lastError: null,
};

function stateFile(dataDir: string): string {
  return path.join(dataDir, 'backup.json');
}

export function readBackupState(dataDir: string): BackupState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

export function updateBackupState(dataDir: string, change: (state: BackupState) => BackupState): BackupState {
  const next = stateSchema.parse(change(readBackupState(dataDir)));
  writeFileAtomic(stateFile(dataDir), Buffer.from(JSON.stringify(next, null, 2)));
  return next;
}

/** Where automatic backups (and the copy a restore takes first) go. */
export function backupFolder(dataDir: string, settings: BackupSettings): string {
  return settings.folder ? path.resolve(settings.folder) : path.join(dataDir, 'backups');
}
