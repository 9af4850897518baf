import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { listCampaigns } from '../campaigns/campaigns';
import type { JobProgress } from '../contract/define';
import { findLeftovers, removeLeftovers, type LeftoverKind } from '../dataFolder/leftovers';
import { restoreCurrentVersion } from '../intake/placement';
import { inputProblems } from '../review/ranges';
import { UNCLAIMED } from '../../common/statuses';
import { WriteLock } from '../locks/writeLock';
import { rescoreCampaign } from '../review/rescore';

export type CheckId =
  | 'database-integrity'
  | 'foreign-keys'
  | 'missing-files'
  | 'damaged-files'
  | 'orphan-files'
  | 'current-versions'
  | 'review-values'
  | 'review-totals'
  | 'stale-locks'
  | 'leftovers'
  | 'thumbnails';

/** What is to be done about a finding: nothing, 修复 (safe, done by --repair), or a restore from a backup. */
export type Remedy = 'none' | 'repair' | 'restore';

export interface CheckResult {
  id: CheckId;
  label: string;
  status: 'ok' | 'problem' | 'fixed' | 'skipped';
  count: number;
  message: string;
  remedy: Remedy;
  /** A few of what was found, in words the office knows (unit names, file names). */
  examples: string[];
}

export interface DoctorRun {
  ctx: CoreContext;
  repair: boolean;
  signal?: AbortSignal;
  progress(update: JobProgress): void;
}

const MAX_EXAMPLES = 10;

export function result(
  id: CheckId,
  label: string,
  count: number,
  found: string,
  remedy: Remedy,
  examples: string[] = [],
  fixed = false,
): CheckResult {
  if (count === 0) return { id, label, status: 'ok', count, message: '正常', remedy: 'none', examples: [] };
  return {
    id,
    label,
    status: fixed ? 'fixed' : 'problem',
    count,
    message: fixed ? `${found}，已修复` : found,
    remedy: fixed ? 'none' : remedy,
    examples: examples.slice(0, MAX_EXAMPLES),
  };
}

export function checkIntegrity({ ctx }: DoctorRun): CheckResult {
  const rows = ctx.db.sqlite.pragma('integrity_check(100)', { simple: false }) as Array<{ integrity_check: string }>;
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  return result(
    'database-integrity',
    '数据库完整性（integrity_check）',
    problems.length,
    `数据库文件有 ${problems.length} 处损坏，请从备份恢复`,
    'restore',
    problems,
  );
}

export function checkForeignKeys({ ctx }: DoctorRun): CheckResult {
  const rows = ctx.db.sqlite.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  return result(
    'foreign-keys',
    '数据关联（foreign_key_check）',
    rows.length,
    `有 ${rows.length} 条记录指向不存在的数据，请从备份恢复`,
    'restore',
    rows.map((r) => `${r.table} 第 ${r.rowid} 行 → ${r.parent}`),
  );
}

export function checkCurrentVersions(run: DoctorRun): CheckResult {
  const { ctx } = run;
  const groups = ctx.db.sqlite
    .prepare(
      `SELECT s.campaign_id AS campaignId, s.unit_id AS unitId, u.name AS unitName, c.year AS year, sum(s.is_current) AS current
       FROM submissions s JOIN units u ON u.id = s.unit_id JOIN campaigns c ON c.id = s.campaign_id
       WHERE s.deleted_at IS NULL
       GROUP BY s.campaign_id, s.unit_id HAVING sum(s.is_current) <> 1`,
    )
    .all() as Array<{ campaignId: number; unitId: number; unitName: string; year: number; current: number }>;
  if (run.repair && groups.length)
    ctx.db.orm.transaction((tx) => groups.forEach((g) => restoreCurrentVersion(tx, g.campaignId, g.unitId)));
  return result(
    'current-versions',
    '每个集体每年一份当前材料',
    groups.length,
    `${groups.length} 个集体的当前材料不是恰好一份（修复后以最新一版为当前）`,
    'repair',
    groups.map((g) => `${g.year}年度 ${g.unitName}：${g.current} 份当前`),
    run.repair,
  );
}

/**
 * Every stored bonus, deduction, count and item score against its campaign's rubric. A value no
 * form could have saved was edited behind the app: reported as 数据异常 with its review, never
 * "repaired" into a plausible total — only a backup has the true value.
 */
export function checkReviewValues(run: DoctorRun): CheckResult {
  const { ctx } = run;
  const examples: string[] = [];
  let count = 0;
  for (const campaign of listCampaigns(ctx.db.orm)) {
    const rows = ctx.db.sqlite
      .prepare(
        `SELECT r.answers, r.bonus, r.deduction, r.total, u.name AS unit, v.name AS reviewer
           FROM reviews r JOIN submissions s ON s.id = r.submission_id
           LEFT JOIN units u ON u.id = s.unit_id JOIN reviewers v ON v.id = r.reviewer_id
          WHERE s.campaign_id = ?`,
      )
      .all(campaign.id) as Array<{
      answers: string;
      bonus: number;
      deduction: number;
      total: number;
      unit: string | null;
      reviewer: string;
    }>;
    for (const row of rows) {
      let answers: unknown = null;
      try {
        answers = JSON.parse(row.answers);
      } catch {
        // Unreadable JSON is itself the anomaly inputProblems names.
      }
      const problems = inputProblems({ ...row, answers }, campaign);
      if (!problems.length) continue;
      count++;
      examples.push(`${campaign.year}年度 · ${row.unit ?? UNCLAIMED} · ${row.reviewer}：${problems.join('，')}`);
    }
  }
  return result(
    'review-values',
    '评审数值在检查清单允许的范围内',
    count,
    `数据异常：${count} 份评审的加分、扣分或检查项数值超出检查清单允许的范围（不会自动修正，请从备份恢复或重新评审）`,
    'restore',
    examples,
  );
}

export function checkTotals(run: DoctorRun): CheckResult {
  const { ctx } = run;
  let drifted = 0;
  const examples: string[] = [];
  for (const campaign of listCampaigns(ctx.db.orm)) {
    const n = rescoreCampaign(
      ctx.db.orm,
      campaign,
      run.repair ? { changedBy: '数据检查修正', trustedOnly: true } : { dryRun: true, trustedOnly: true },
    );
    drifted += n;
    if (n) examples.push(`${campaign.year}年度：${n} 份评审`);
  }
  return result(
    'review-totals',
    '评审总分与检查清单一致',
    drifted,
    `${drifted} 份评审保存的总分或等次与按现行检查清单重算的不同（修复时重算并记入修改记录）`,
    'repair',
    examples,
    run.repair,
  );
}

export function checkLocks(run: DoctorRun): CheckResult {
  const locksDir = path.join(run.ctx.dataDir, 'locks');
  const stale: string[] = [];
  for (const name of ['long-write.lock', 'migration.lock']) {
    const lock = new WriteLock(locksDir, name);
    // Under 修复 the dispatcher already holds the long-write lock: the dead holder it replaced, if any.
    const holder = name === 'long-write.lock' && run.repair ? run.ctx.writeLock.takenOver() : lock.staleHolder();
    if (!holder) continue;
    stale.push(
      holder === 'unreadable'
        ? `${name}（内容无法读取）`
        : `${name}：${holder.operation}（进程 ${holder.pid} 已结束，开始于 ${holder.startedAt}）`,
    );
    if (run.repair) lock.clearIfStale();
  }
  return result(
    'stale-locks',
    '无遗留的写入锁',
    stale.length,
    `${stale.length} 个写入锁属于已结束的程序`,
    'repair',
    stale,
    run.repair,
  );
}

const LEFTOVER_LABEL: Record<LeftoverKind, string> = {
  upload: '超过一天未用的上传',
  download: '超过一天未取走的导出',
  'store-temp': '中断的收件临时文件',
  'backup-piece': '中断的备份残留',
  'restore-stage': '中断的恢复残留',
};

export function checkLeftovers(run: DoctorRun): CheckResult {
  const found = findLeftovers(run.ctx.dataDir, run.ctx.store);
  if (run.repair) removeLeftovers(found);
  const counts = new Map<LeftoverKind, number>();
  for (const f of found) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return result(
    'leftovers',
    '无遗留的临时文件',
    found.length,
    `${found.length} 个遗留的临时文件`,
    'repair',
    [...counts].map(([k, n]) => `${LEFTOVER_LABEL[k]}：${n} 个`),
    run.repair,
  );
}

export function checkThumbnails(run: DoctorRun): CheckResult {
  const stale = run.ctx.thumbnails.stale((sha) => run.ctx.store.has(sha));
  if (run.repair) for (const file of stale) fs.rmSync(file, { force: true });
  return result(
    'thumbnails',
    '照片缩略图',
    stale.length,
    `${stale.length} 个缩略图为空或其照片已不在（修复时删除，需要时重做）`,
    'repair',
    stale.map((f) => path.basename(f).slice(0, 16)),
    run.repair,
  );
}
