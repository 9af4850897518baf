import type { ErrorCode } from '../../common/errorCodes';

/** The SQLite result code of an error, through drizzle's wrapper (it keeps the driver's error as `cause`). */
function sqliteCode(error: unknown): string {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return '';
}

/** What the database refused, said so the office can act on it; null for anything else. */
export function databaseFailure(error: unknown): { code: ErrorCode; message: string } | null {
  const code = sqliteCode(error);
  if (isSqliteBusy(code)) return { code: 'busy', message: '数据正被另一个程序写入，请稍后再试。' };
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return {
      code: 'data-conflict',
      message: '这项修改与已有数据冲突（可能重复，或仍被其他记录引用），未保存。请刷新页面后再试。',
    };
  if (code === 'SQLITE_FULL') return { code: 'write-failed', message: '磁盘已满，修改未保存。请清理磁盘空间后再试。' };
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM'
  ) {
    return {
      code: 'write-failed',
      message: '数据文件夹无法写入（权限不足、磁盘已拔出或出错），修改未保存。请检查数据文件夹所在的磁盘后再试。',
    };
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return {
      code: 'database-damaged',
      message: '数据库文件已损坏。请不要删除或改动数据文件夹，停止使用并联系技术支持恢复。',
    };
  return null;
}

function isSqliteBusy(code: string): boolean {
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}
