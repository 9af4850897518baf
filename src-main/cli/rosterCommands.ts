import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { call, callAndSave, CliFailure, localFile, pad, type Emit, type Output } from './run';
import { UNIT_STATUS } from '../common/statuses';

export function registerUnits(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const units = program.command('units').description('集体名册：导入、列出、导出');

  units
    .command('import')
    .description('从 .xlsx 或 .csv（UTF-8 或 GBK）导入名册；重复导入只更新有变化的集体')
    .argument('<FILE>', '名册文件')
    .option('--sheet <N>', '工作表序号（从 1 开始）', '1')
    .option(
      '--keep-sector <NAME>',
      '表中这个系统名不归入名称相近的已有系统（如“金融”不算“金融团工委”），另建一个；可重复',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--json', '以 JSON 输出结果')
    .action(async (file: string, opts: { sheet: string; keepSector: string[] }) => {
      const sheetIndex = Number(opts.sheet) - 1;
      if (!Number.isInteger(sheetIndex) || sheetIndex < 0)
        throw new CliFailure('invalid-input', `工作表序号应为正整数：${opts.sheet}`);
      const result = await call<OpOutput<'units.importApply'>>(dataFlag(), 'units.importApply', {
        file: localFile(file),
        sheetIndex,
        sectorChoices: Object.fromEntries(opts.keepSector.map((name) => [name, null])),
      });
      emit(result, () => {
        out.print(
          result.noChange
            ? `无变化：${result.unchanged} 个集体与名册一致。`
            : `导入完成：新增 ${result.created}，更新 ${result.updated}，无变化 ${result.unchanged}。`,
        );
        if (result.sectorsCreated.length) out.print(`新增系统：${result.sectorsCreated.join('、')}`);
        for (const m of result.sectorsMapped)
          out.print(`表中的系统“${m.name}”归入“${m.sectorName}”（要另建，请加 --keep-sector ${m.name}）`);
        if (result.bad.length) {
          out.print(`以下 ${result.bad.length} 行未导入：`);
          for (const bad of result.bad)
            out.print(`  第 ${bad.row} 行${bad.name ? `（${bad.name}）` : ''}：${bad.reasons.join('；')}`);
        }
      });
    });

  units
    .command('list')
    .description('列出名册中的集体')
    .option('--search <TEXT>', '按名称、别名、联系人或拼音首字母搜索')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { search?: string }) => {
      const list = await call<OpOutput<'units.list'>>(
        dataFlag(),
        'units.list',
        opts.search ? { search: opts.search } : {},
      );
      emit(list, () => {
        for (const u of list)
          out.print(
            `${pad(String(u.id), 6)}${pad(u.name, 44)}${pad(u.sectorName ?? '—', 26)}${pad(u.level ?? '—', 8)}${UNIT_STATUS[u.status]}`,
          );
        out.print(`共 ${list.length} 个集体`);
      });
    });

  units
    .command('export')
    .description('把名册导出为 .xlsx')
    .argument('<FILE>', '输出文件（.xlsx）')
    .option('--json', '以 JSON 输出')
    .action(async (file: string) => {
      const result = await callAndSave<OpOutput<'units.export'>>(dataFlag(), 'units.export', {}, file);
      emit(result, () => out.print(`已导出 ${result.count} 个集体到 ${file}`));
    });
}

export function registerCampaigns(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const campaigns = program.command('campaigns').description('年度工作');
  campaigns
    .command('list')
    .description('列出年度工作及其检查清单')
    .option('--json', '以 JSON 输出')
    .action(async () => {
      const list = await call<OpOutput<'campaigns.list'>>(dataFlag(), 'campaigns.list');
      emit(list, () => {
        for (const c of list) {
          out.print(
            `${c.isCurrent ? '★' : ' '} ${c.year}年度  截止 ${c.deadline}  清单 ${c.items.length} 项 / ${c.totalPoints} 分  ${c.title}`,
          );
        }
      });
    });
}
