import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { call, localFile, type Output } from './run';

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
      const result = await call<OpOutput<'backup.create'>>(dataFlag(), 'backup.create', { to: target ? localFile(target) : 'folder' });
      emit(result, () => {
        out.print(`已备份并核对：${result.file}`);
        out.print(`材料文件 ${result.files} 个，共 ${megabytes(result.bytes)}；备份文件 ${megabytes(result.size)}`);
        if (result.missing) out.print(`注意：数据库记录的 ${result.missing} 个文件在数据文件夹中已缺失（运行 desk doctor 检查）`);
        if (result.damaged) out.print(`注意：${result.damaged} 个材料文件内容已损坏，未放入备份（运行 desk doctor 检查）`);
      });
    });
  program
    .command('restore')
    .argument('<FILE>', '备份文件（.deskbackup）')
    .description('用备份替换本数据文件夹的数据（先核对整份备份，再把现有数据备份一份用于撤销）；也用于换电脑')
    .option('--json', '以 JSON 输出')
    .action(async (file: string) => {
      const result = await call<OpOutput<'backup.restore'>>(dataFlag(), 'backup.restore', { file: localFile(file) });
      emit(result, () => {
        out.print(`已恢复 ${result.restored.createdAt} 的备份（程序版本 ${result.restored.appVersion}，材料文件 ${result.restored.files} 个）`);
        if (result.migrated) out.print('备份来自较早的版本，已升级为本版本的数据结构');
        if (result.undo) out.print(`恢复前的数据已另存为：${result.undo.file}（用 desk restore 恢复它即可撤销）`);
      });
    });
}
