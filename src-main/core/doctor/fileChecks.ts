import fs from 'node:fs';
import { hashFile } from '../backup/snapshot';
import { referencedHashes } from '../db/fileCheck';
import { result, type CheckResult, type DoctorRun } from './checks';
import { UNCLAIMED } from '../../common/statuses';

/** The store's side of 数据检查: each stored file present and intact, and none left over. */

interface FileRow {
  sha256: string;
  name: string;
  unitName: string | null;
}

/** Each stored file the rows name: present, and (unless `quick`) its bytes still hashing to its name. */
export async function checkFiles(run: DoctorRun, quick: boolean): Promise<CheckResult[]> {
  const { ctx } = run;
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT a.sha256 AS sha256, min(a.name) AS name, min(u.name) AS unitName
       FROM attachments a JOIN submissions s ON s.id = a.submission_id LEFT JOIN units u ON u.id = s.unit_id
       GROUP BY a.sha256 ORDER BY a.sha256`,
    )
    .all() as FileRow[];
  const missing: FileRow[] = [];
  const damaged: FileRow[] = [];
  const bytesTotal = quick ? 0 : rows.reduce((n, r) => n + sizeOf(ctx.store.pathFor(r.sha256)), 0);
  let bytesDone = 0;
  let lastReport = 0;
  for (const [index, row] of rows.entries()) {
    run.signal?.throwIfAborted();
    const file = ctx.store.pathFor(row.sha256);
    if (!fs.existsSync(file)) {
      missing.push(row);
      continue;
    }
    if (quick) continue;
    const { sha256, size } = await hashFile(file, run.signal);
    bytesDone += size;
    if (sha256 !== row.sha256) damaged.push(row);
    if (Date.now() - lastReport > 200) {
      lastReport = Date.now();
      run.progress({ done: index, total: rows.length, message: '正在核对材料文件', bytesDone, bytesTotal });
    }
  }
  const describe = (r: FileRow) => `${r.unitName ?? UNCLAIMED}：${r.name}`;
  return [
    result(
      'missing-files',
      '材料文件齐全',
      missing.length,
      `数据库记录的 ${missing.length} 个文件在数据文件夹中找不到，请从备份恢复`,
      'restore',
      missing.map(describe),
    ),
    quick
      ? {
          id: 'damaged-files',
          label: '材料文件内容未变',
          status: 'skipped',
          count: 0,
          message: '快速检查未核对文件内容',
          remedy: 'none',
          examples: [],
        }
      : result(
          'damaged-files',
          '材料文件内容未变',
          damaged.length,
          `${damaged.length} 个文件的内容与收件时不同（磁盘损坏或被改动），请从备份恢复`,
          'restore',
          damaged.map(describe),
        ),
  ];
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Stored files no row names (a killed import's leftovers): only safe to judge while no import runs. */
export function checkOrphans(run: DoctorRun, lockHeld: boolean): CheckResult {
  const { ctx } = run;
  if (!lockHeld && ctx.writeLock.busy()) {
    return {
      id: 'orphan-files',
      label: '无多余文件',
      status: 'skipped',
      count: 0,
      message: '有导入正在进行，它的文件还没登记，稍后再查',
      remedy: 'none',
      examples: [],
    };
  }
  const referenced = new Set(referencedHashes(ctx.db.sqlite));
  const orphans = ctx.store.listStored().filter((sha) => !referenced.has(sha));
  const bytes = orphans.reduce((n, sha) => n + sizeOf(ctx.store.pathFor(sha)), 0);
  if (run.repair) for (const sha of orphans) fs.rmSync(ctx.store.pathFor(sha), { force: true });
  return result(
    'orphan-files',
    '无多余文件',
    orphans.length,
    `${orphans.length} 个文件（${(bytes / 1024 / 1024).toFixed(1)} MB）没有任何记录引用，可安全删除`,
    'repair',
    orphans.map((s) => s.slice(0, 16)),
    run.repair,
  );
}
