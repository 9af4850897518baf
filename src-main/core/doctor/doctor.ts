import type { CoreContext } from '../app/context';
import type { CallInfo } from '../contract/define';
import {
  checkCurrentVersions,
  checkForeignKeys,
  checkIntegrity,
  checkLeftovers,
  checkLocks,
  checkThumbnails,
  checkReviewValues,
  checkTotals,
  type CheckResult,
  type DoctorRun,
} from './checks';
import { checkFiles, checkOrphans } from './fileChecks';

export interface DoctorReport {
  /** No problem left (fixed ones count as fine). */
  ok: boolean;
  repaired: boolean;
  /** Something only a restore from a backup can mend. */
  needsRestore: boolean;
  checks: CheckResult[];
}

/**
 * 数据检查 (`desk doctor`): SQLite's own checks, every stored file against its rows and its hash,
 * files no row names, one current version per unit and campaign, stored review totals against
 * recomputed ones, dead processes' locks and leftovers, stale thumbnails. With `repair`, what is
 * safe is fixed (sweeps, thumbnails, totals, current versions) under the long-write lock the
 * dispatcher took for it — a dead holder's lock it took over is reported as fixed — and what only a
 * restore can mend is said.
 */
export async function runDoctor(
  ctx: CoreContext,
  call: Pick<CallInfo, 'signal' | 'progress'>,
  options: { repair: boolean; quick: boolean },
): Promise<DoctorReport> {
  const run: DoctorRun = { ctx, repair: options.repair, signal: call.signal, progress: (p) => call.progress(p) };
  const body = async (lockHeld: boolean): Promise<CheckResult[]> => {
    call.progress({ done: 0, total: 1, message: '正在检查数据库' });
    const checks = [checkIntegrity(run), checkForeignKeys(run)];
    // A damaged database is not worth repairing around: say so and leave it for the restore.
    if (checks.some((c) => c.status === 'problem')) run.repair = false;
    checks.push(...(await checkFiles(run, options.quick)));
    checks.push(
      checkOrphans(run, lockHeld),
      checkCurrentVersions(run),
      checkReviewValues(run),
      checkTotals(run),
      checkLeftovers(run),
      checkThumbnails(run),
    );
    return checks;
  };
  const locks = checkLocks(run);
  // With 修复 the dispatcher holds the long-write lock (the op declares it), having taken over a dead holder's.
  const checks = await body(options.repair);
  checks.splice(checks.length - 2, 0, locks);
  return {
    ok: checks.every((c) => c.status !== 'problem'),
    repaired: options.repair,
    needsRestore: checks.some((c) => c.status === 'problem' && c.remedy === 'restore'),
    checks,
  };
}
