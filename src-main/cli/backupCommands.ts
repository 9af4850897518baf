import path from 'node:path';
import type { Command } from 'commander';
import { chinaTimeLabel } from '../common/chinaTime';
import type { OpOutput } from '../core/operations';
import { call, CliFailure, exitStatus, localFile, type Output } from './run';

type Emit = (value: unknown, human: () => void) => void;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function registerBackup(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  program
    .command('backup')
    .argument('[OUT]', '备份文件保存为（.deskbackup）；不写则存入备份文件夹')
    .description('备份整个数据文件夹：数据库（SQLite 在线备份）、全部材料文件和校验清单；写完后读回逐一核对')
    .option('--json', '以 JSON 输出')
    .action(async (target: string | undefined) => {
      const result = await call<OpOutput<'backup.create'>>(dataFlag(), 'backup.create', {
        to: target ? localFile(target) : 'folder',
      });
      emit(result, () => {
        out.print(`已备份并核对：${result.file}`);
        out.print(`材料文件 ${result.files} 个，共 ${megabytes(result.bytes)}；备份文件 ${megabytes(result.size)}`);
        if (result.missing)
          out.print(`注意：数据库记录的 ${result.missing} 个文件在数据文件夹中已缺失（运行 desk doctor 检查）`);
        if (result.damaged)
          out.print(`注意：${result.damaged} 个材料文件内容已损坏，未放入备份（运行 desk doctor 检查）`);
      });
    });
  program
    .command('backup-settings')
    .description('自动备份与备份文件夹（浏览器中不能指定文件夹，只能在桌面程序或这里设置）；不带选项则显示现状')
    .option('--auto <on|off>', '自动备份：on 打开，off 关闭')
    .option('--folder <DIR>', '备份文件夹（U 盘、网络位置）；不存在则创建')
    .option('--default-folder', '改回数据文件夹内的 backups')
    .option('--json', '以 JSON 输出')
    .action(async (options: { auto?: string; folder?: string; defaultFolder?: boolean }) => {
      if (options.auto && options.auto !== 'on' && options.auto !== 'off')
        throw new CliFailure('invalid-input', '--auto 只能是 on 或 off');
      const now = await call<OpOutput<'backup.status'>>(dataFlag(), 'backup.status');
      const changed = options.auto !== undefined || options.folder !== undefined || options.defaultFolder;
      const settings = changed
        ? await call<OpOutput<'backup.configure'>>(dataFlag(), 'backup.configure', {
            auto: options.auto === undefined ? now.settings.auto : options.auto === 'on',
            ...(options.defaultFolder
              ? { folder: null }
              : options.folder
                ? { folder: path.resolve(options.folder) }
                : {}),
          })
        : now.settings;
      emit(settings, () => {
        out.print(`自动备份：${settings.auto ? '打开' : '关闭'}`);
        out.print(`备份文件夹：${settings.folder ?? `${now.folder}（默认）`}`);
      });
    });
  program
    .command('restore')
    .argument('<FILE>', '备份文件（.deskbackup）')
    .description('用备份替换本数据文件夹的数据（先核对整份备份，再把现有数据备份一份用于撤销）；也用于换电脑')
    .option('--json', '以 JSON 输出')
    .option('--accept-unverified', '恢复在其他电脑生成、本机无法核实的备份（请先确认来源可信）')
    .action(async (file: string, options: { acceptUnverified?: boolean }) => {
      const result = await call<OpOutput<'backup.restore'>>(dataFlag(), 'backup.restore', {
        file: localFile(file),
        acceptUnverified: options.acceptUnverified ?? false,
      });
      emit(result, () => {
        out.print(
          `已恢复 ${chinaTimeLabel(result.restored.createdAt)} 的备份（程序版本 ${result.restored.appVersion}，材料文件 ${result.restored.files} 个）`,
        );
        if (result.migrated) out.print('备份来自较早的版本，已升级为本版本的数据结构');
        if (result.trust === 'unverified') out.print('这份备份来自其他电脑，按你的确认恢复（本机无法核实其未被改动）');
        if (result.undo) out.print(`恢复前的数据已另存为：${result.undo.file}（用 desk restore 恢复它即可撤销）`);
      });
    });
}

const STATUS: Record<string, string> = { ok: '✓', fixed: '✓ 已修复', problem: '✗', skipped: '–' };

export function registerDoctor(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  program
    .command('doctor')
    .description(
      '数据检查：数据库完整性与关联、材料文件是否齐全且未变、多余文件、当前版本、评审总分、遗留的锁和临时文件',
    )
    .option('--repair', '修复可以安全修复的问题（清理、缩略图、重算总分、当前版本），并说明哪些需要从备份恢复')
    .option('--quick', '不逐个核对材料文件的内容（只查是否存在）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { repair?: boolean; quick?: boolean }) => {
      const report = await call<OpOutput<'data.check'>>(dataFlag(), 'data.check', {
        repair: !!opts.repair,
        quick: !!opts.quick,
      });
      if (!report.ok) exitStatus.code = 3;
      emit(report, () => {
        for (const check of report.checks) {
          out.print(`${STATUS[check.status] ?? check.status} ${check.label}：${check.message}`);
          for (const example of check.examples) out.print(`    ${example}`);
        }
        if (report.needsRestore) out.print('有问题需要从备份恢复：设置 → 备份与恢复，或 desk restore 备份文件');
        else if (!report.ok) out.print('运行 desk doctor --repair 修复上面标 ✗ 的问题');
        else out.print('数据检查通过');
      });
    });
}
