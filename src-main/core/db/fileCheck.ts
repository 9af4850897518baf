import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's own checks on a database file that is not the live one (a copy before a migration, a
 * backup's database): what is wrong in a few words, or null when it opens and passes
 * `integrity_check` and `foreign_key_check`. Callers turn a finding into their own refusal.
 */
export function problemsOf(file: string, nativeBinding?: string): string | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    return '无法打开';
  }
  try {
    return judged(db.pragma('integrity_check', { simple: true }), (db.pragma('foreign_key_check') as unknown[]).length);
  } catch {
    return '不是本程序的数据库';
  } finally {
    db.close();
  }
}

function judged(integrity: unknown, broken: number): string | null {
  if (integrity !== 'ok') return `未通过完整性检查（${String(integrity).slice(0, 200)}）`;
  if (broken > 0) return `有 ${broken} 处数据关联错误`;
  return null;
}

/** The same checks in a thread of their own (plain JS: vitest cannot start a TypeScript worker). */
const THREAD = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, Object.assign({ readonly: true, fileMustExist: true }, workerData.native ? { nativeBinding: workerData.native } : {}));
} catch {
  parentPort.postMessage({ open: false });
  return;
}
try {
  parentPort.postMessage({ open: true, integrity: db.pragma(workerData.check, { simple: true }), broken: db.pragma('foreign_key_check').length });
} catch {
  parentPort.postMessage({ open: true, failed: true });
} finally {
  db.close();
}
`;

/**
 * problemsOf on another thread, so a large database is checked (seconds for a year of 25,000
 * submissions) while this thread goes on writing the backup. A backup's snapshot gets SQLite's
 * `quick_check` (its structure, every page and record; 2.8 s against 3.8 s for a 275 MB file): the
 * snapshot is SQLite's own copy of a database it maintains, and a restore checks in full again.
 */
export function problemsOfInThread(file: string, nativeBinding?: string): Promise<string | null> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(() => {${THREAD}})()`, {
      eval: true,
      workerData: { module, file, native: nativeBinding ?? null, check: 'quick_check' },
    });
    worker.once('message', (m: { open: boolean; failed?: boolean; integrity?: unknown; broken?: number }) => {
      void worker.terminate();
      if (!m.open) resolve('无法打开');
      else if (m.failed) resolve('不是本程序的数据库');
      else resolve(judged(m.integrity, m.broken ?? 0));
    });
    worker.once('error', reject);
  });
}

/** Every stored file's hash a database refers to: what must stay in the store (sorted). */
export function referencedHashes(sqlite: Database.Database): string[] {
  return sqlite.prepare('SELECT DISTINCT sha256 FROM attachments ORDER BY sha256').pluck().all() as string[];
}
