import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TOPICS } from '../../common/topics';
import { defineOp } from '../contract/define';
import { DeskError } from '../contract/errors';
import { none } from '../contract/schemas';
import { makeArtifact } from '../transfer/artifacts';
import { fileRefSchema, LocalPath, refFile, releaseUploads } from '../transfer/refs';
import { backupHealth, backupIntoFolder, recordBackup, runAutoBackup } from './auto';
import { restoreBackup } from './restore';
import { backupFileName, listBackups } from './rotation';
import { backupFolder, backupSettingsSchema, readBackupState, updateBackupState } from './state';
import { writeBackup } from './write';
import { chinaTimeLabel } from '../../common/chinaTime';

/** A file to write on this machine: local callers only (the dispatcher refuses it from a page). */
const localTarget = z
  .object({ path: z.string().min(1, '路径为空').max(4096) })
  .strict()
  .transform((v) => new LocalPath(v.path));

const backupName = z
  .string()
  .regex(/^[^/\\]+\.deskbackup$/, '备份文件名无效')
  .max(200);

/** A folder for backups: absolute, and writable now (created if missing). */
function checkedFolder(folder: string): string {
  if (!path.isAbsolute(folder))
    throw new DeskError('bad-path', `请填写完整的文件夹路径（如 D:\\备份 或 /media/usb/备份），而不是“${folder}”。`);
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new DeskError('bad-path', `文件夹“${folder}”无法写入（U 盘未插好、网络位置断开或没有权限），请检查后再试。`);
  }
  return path.resolve(folder);
}

/** 设置 → 备份与恢复: backups made by hand or on a schedule, and restoring one. */
export const backupOps = {
  'backup.create': defineOp({
    callers: 'office',
    input: z
      .object({ to: z.union([localTarget, z.literal('folder'), z.literal('download')]).default('folder') })
      .default({ to: 'folder' }),
    heavy: true,
    run: async (input, ctx, call) => {
      if (input.to === 'folder') return { ...(await backupIntoFolder(ctx, 'manual', call))!, artifact: null };
      if (input.to instanceof LocalPath) {
        const report = (await writeBackup(ctx, path.resolve(input.to.path), 'manual', call))!;
        recordBackup(ctx.dataDir, report);
        return { ...report, artifact: null };
      }
      let report!: Awaited<ReturnType<typeof writeBackup>>;
      const artifact = await makeArtifact(ctx.dataDir, backupFileName('manual'), async (file) => {
        report = await writeBackup(ctx, file, 'manual', call);
      });
      recordBackup(ctx.dataDir, report);
      return { ...report!, file: artifact.fileName, artifact };
    },
    audit: (_input, out) => ({
      action: 'backup',
      summary: `手动备份「${path.basename(out.file)}」（${out.files} 个文件）`,
    }),
  }),
  'backup.restore': defineOp({
    callers: 'office',
    input: z.union([
      z.object({ file: fileRefSchema, acceptUnverified: z.boolean().default(false) }).strict(),
      z.object({ name: backupName, acceptUnverified: z.boolean().default(false) }).strict(),
    ]),
    changes: TOPICS,
    longWrite: '恢复备份',
    heavy: true,
    run: async (input, ctx, call) => {
      let file: string;
      if ('name' in input) {
        const folder = backupFolder(ctx.dataDir, readBackupState(ctx.dataDir).settings);
        if (!listBackups(folder).some((b) => b.name === input.name))
          throw new DeskError('not-found', `备份文件夹中没有“${input.name}”。`);
        file = path.join(folder, input.name);
      } else {
        file = refFile(ctx.dataDir, input.file).file;
      }
      try {
        return await restoreBackup(ctx, file, {
          ...call,
          backupCurrent: () => backupIntoFolder(ctx, 'before-restore', call),
          acceptUnverified: input.acceptUnverified,
        });
      } finally {
        if ('file' in input) releaseUploads(ctx.dataDir, [input.file]);
      }
    },
    audit: (_input, out) => ({
      action: 'restore',
      summary: `恢复 ${chinaTimeLabel(out.restored.createdAt)} 的备份（${out.restored.files} 个文件）${out.undo ? `；恢复前的数据已备份为「${path.basename(out.undo.file)}」` : ''}`,
    }),
  }),
  /** The schedule's call: an automatic backup if one is due (see auto.ts); heavy, so it never holds up the window. */
  'backup.auto': defineOp({
    callers: 'office',
    input: none,
    heavy: true,
    run: async (_input, ctx) => ({ made: await runAutoBackup(ctx) }),
    audit: (_input, out) =>
      out.made
        ? {
            action: 'backup',
            actor: { name: '自动备份', kind: 'system' },
            summary: `自动备份「${path.basename(out.made.file)}」（${out.made.files} 个文件）`,
          }
        : null,
  }),
  'backup.status': defineOp({
    callers: 'office',
    input: none,
    run: (_input, ctx) => {
      const state = readBackupState(ctx.dataDir);
      const health = backupHealth(ctx);
      return {
        settings: state.settings,
        last: state.last,
        lastCheck: state.lastCheck,
        ...health,
        backups: listBackups(health.folder),
      };
    },
  }),
  'backup.configure': defineOp({
    callers: 'office',
    // A folder is a path on this machine, created if missing: only its own desktop window or CLI may name one.
    input: backupSettingsSchema.extend({ folder: backupSettingsSchema.shape.folder.optional() }),
    machineOnly: ['folder'],
    changes: ['settings'],
    run: (input, ctx) =>
      updateBackupState(ctx.dataDir, (state) => {
        // Not named: the folder stays as it is (checked when it was chosen; a drive unplugged now is 概览's warning).
        const named =
          input.folder === undefined ? state.settings.folder : input.folder && checkedFolder(input.folder.trim());
        return { ...state, settings: { auto: input.auto, folder: named || null } };
      }).settings,
    audit: (input) => ({ action: 'settings', summary: `修改备份设置：${input.auto ? '自动备份' : '不自动备份'}` }),
  }),
};
