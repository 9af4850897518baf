import { z } from 'zod';

/**
 * A backup is one tar file (any archiver can open it): `backup.json` first — what made it and
 * which schema, so a file from a newer app or not a backup at all is refused before reading on —
 * then `desk.sqlite` (a snapshot through SQLite's online backup API), every stored file under
 * `files/ab/<sha256>`, and `manifest.json` last with the hash and size of each (a stored file's
 * name is its hash; the writer reads the whole file back to check them). Nothing in a backup ever becomes a path but
 * these names, each checked by pattern.
 */
export const BACKUP_FORMAT = 'committee-desk-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.deskbackup';

export const HEADER_ENTRY = 'backup.json';
export const DATABASE_ENTRY = 'desk.sqlite';
export const MANIFEST_ENTRY = 'manifest.json';
export const FILE_ENTRY = /^files\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export function fileEntryName(sha256: string): string {
  return `files/${sha256.slice(0, 2)}/${sha256}`;
}

/** Why the backup was made: the person, the daily schedule, or the copy a restore takes first. */
export const BACKUP_KINDS = ['manual', 'auto', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().max(50),
  schema: z.object({ migrations: z.number().int().nonnegative(), newest: z.number().nonnegative() }),
  kind: z.enum(BACKUP_KINDS),
  createdAt: z.iso.datetime(),
  /** What follows, for progress and for naming a truncation. */
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** The snapshot's hash: an automatic backup is skipped when the data has not changed since the last. */
  databaseSha256: sha,
});
export type BackupHeader = z.output<typeof headerSchema>;

const entrySchema = z.object({ sha256: sha, size: z.number().int().nonnegative() });

export const manifestSchema = z.object({
  database: entrySchema,
  files: z.array(entrySchema).max(5_000_000),
  /** Store files the database refers to that were already missing when the backup was made. */
  missing: z.array(sha).max(5_000_000),
  /** Stored files whose bytes no longer matched their hash when the backup was made: left out (unusable anyway). */
  damaged: z.array(sha).max(5_000_000),
  /** The keyed seal of the folder that made it (seal.ts); absent in backups of versions before seals. */
  seal: z.object({ keyId: z.string().regex(/^[0-9a-f]{16}$/), hmac: sha }).optional(),
});
export type BackupManifest = z.output<typeof manifestSchema>;

/** JSON entries are small; anything larger is not ours. */
export const MAX_JSON_ENTRY = 256 * 1024 * 1024;
