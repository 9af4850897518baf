import Database from 'better-sqlite3';

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
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `未通过完整性检查（${String(integrity).slice(0, 200)}）`;
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) return `有 ${broken.length} 处数据关联错误`;
    return null;
  } catch {
    return '不是本程序的数据库';
  } finally {
    db.close();
  }
}

/** Every stored file's hash a database refers to: what must stay in the store (sorted). */
export function referencedHashes(sqlite: Database.Database): string[] {
  return sqlite.prepare('SELECT DISTINCT sha256 FROM attachments ORDER BY sha256').pluck().all() as string[];
}
