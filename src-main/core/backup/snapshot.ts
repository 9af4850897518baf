import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { processAlive } from '../locks/process';

const SNAPSHOT = /^\.(?:snapshot|verify)-(\d+)-[0-9a-f]{12}\.sqlite$/;

/** Where snapshots and staged restores wait: the data folder's own backups folder (same disk as the database). */
export function scratchDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/**
 * A consistent copy of the live database through SQLite's online backup API: other connections
 * keep reading and writing meanwhile (a write from another one restarts the copy), which a plain
 * file copy of a WAL database could not promise.
 */
export async function snapshotDatabase(
  sqlite: Database.Database,
  dataDir: string,
  signal?: AbortSignal,
): Promise<string> {
  const dir = scratchDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `.snapshot-${process.pid}-${crypto.randomBytes(6).toString('hex')}.sqlite`);
  try {
    await sqlite.backup(file, {
      progress: () => {
        signal?.throwIfAborted();
        return 1000;
      },
    });
    return file;
  } catch (error) {
    removeSnapshot(file);
    throw error;
  }
}

export function removeSnapshot(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/** A backup being written beside its name (`.<name>.deskbackup.<pid>.tmp`, see transfer/atomic). */
const PARTIAL = /^\..+\.deskbackup\.(\d+)\.tmp$/;

/**
 * A snapshot, a verification copy or a half-written backup whose process died (killed
 * mid-backup), in the data folder's and the chosen backup folder.
 */
export function staleBackupPieces(dataDir: string, folders: string[] = []): string[] {
  const stale: string[] = [];
  for (const dir of new Set([scratchDir(dataDir), ...folders])) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = SNAPSHOT.exec(name.replace(/-(wal|shm|journal)$/, '')) ?? PARTIAL.exec(name);
      if (match && !processAlive(Number(match[1]))) stale.push(path.join(dir, name));
    }
  }
  return stale;
}

export async function hashFile(file: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    signal?.throwIfAborted();
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
