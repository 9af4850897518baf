import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { backupFileName, listBackups, rotateBackups } from './rotation';
import { backupFolder, readBackupState, updateBackupState, type BackupState } from './state';
import { writeBackup, type BackupJob, type BackupReport, type BackupSource } from './write';
import type { BackupKind } from './format';

const DAY_MS = 24 * 3_600_000;
/** 概览 warns when the newest backup is older than this. */
const STALE_AFTER_MS = 7 * DAY_MS;

/**
 * Writes a backup into the backup folder and records it; `unlessUnchanged` skips it when nothing changed since the last
 * one.
 */
export async function backupIntoFolder(
  ctx: BackupSource,
  kind: BackupKind,
  job: BackupJob = {},
  unlessUnchanged = false,
): Promise<BackupReport | null> {
  const state = readBackupState(ctx.dataDir);
  const folder = backupFolder(ctx.dataDir, state.settings);
  fs.mkdirSync(folder, { recursive: true });
  const report = await writeBackup(
    ctx,
    path.join(folder, backupFileName(kind, new Date(), folder)),
    kind,
    job,
    unlessUnchanged ? state.last?.databaseSha256 : undefined,
  );
  recordBackup(ctx.dataDir, report);
  if (report && kind !== 'manual') rotateBackups(folder);
  return report;
}

/** Remembers the newest backup (and that the data was checked) for 设置 and 概览. */
export function recordBackup(dataDir: string, report: BackupReport | null): void {
  const now = new Date().toISOString();
  updateBackupState(dataDir, (state) => ({
    ...state,
    lastCheck: now,
    lastError: null,
    last: report
      ? {
          at: report.createdAt,
          file: report.file,
          kind: report.kind,
          size: report.size,
          databaseSha256: report.databaseSha256,
        }
      : state.last,
  }));
}

/** Whether an automatic backup is due: switched on, and the last check a day ago or never. */
function autoBackupDue(state: BackupState, now = Date.now()): boolean {
  if (!state.settings.auto) return false;
  const last = state.lastCheck ? Date.parse(state.lastCheck) : 0;
  return now - last >= DAY_MS;
}

/** What the schedule needs of the core: a backup's sources, the lock it waits for, the log. */
export type AutoBackupContext = BackupSource & Pick<CoreContext, 'writeLock' | 'log'>;

/** One automatic backup if it is due; failures are recorded (设置 and 概览 show them), never thrown. */
export async function runAutoBackup(ctx: AutoBackupContext, now = Date.now()): Promise<BackupReport | null> {
  if (!autoBackupDue(readBackupState(ctx.dataDir), now) || ctx.writeLock.busy()) return null;
  try {
    return await backupIntoFolder(ctx, 'auto', {}, true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.error('automatic backup failed', error);
    updateBackupState(ctx.dataDir, (state) => ({ ...state, lastError: { at: new Date().toISOString(), message } }));
    return null;
  }
}

/**
 * Every 15 minutes (first a minute after start) asks `run` — `backup.auto`, on whichever thread
 * the shell gives heavy work — whether an automatic backup is due and to make it.
 */
export function scheduleAutoBackups(
  run: () => Promise<unknown>,
  intervalMs = 15 * 60_000,
  firstMs = 60_000,
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    void run()
      .catch(() => undefined)
      .finally(() => (running = false));
  };
  const first = setTimeout(tick, firstMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

export interface BackupHealth {
  folder: string;
  reachable: boolean;
  newestAt: string | null;
  /** No backup at all, or the newest older than 7 days. */
  stale: boolean;
  lastError: BackupState['lastError'];
}

/** What 设置 and 概览 show about backups. */
export function backupHealth(ctx: Pick<CoreContext, 'dataDir'>, now = Date.now()): BackupHealth {
  const state = readBackupState(ctx.dataDir);
  const folder = backupFolder(ctx.dataDir, state.settings);
  let reachable = true;
  try {
    fs.accessSync(state.settings.folder ? folder : path.dirname(folder), fs.constants.W_OK);
  } catch {
    reachable = false;
  }
  const newest =
    [state.last?.at, listBackups(folder)[0]?.madeAt]
      .filter((x): x is string => !!x)
      .sort()
      .pop() ?? null;
  return {
    folder,
    reachable,
    newestAt: newest,
    stale: !newest || now - Date.parse(newest) > STALE_AFTER_MS,
    lastError: state.lastError,
  };
}
