import type { Command } from 'commander';
import { chinaTimeLabel } from '../common/chinaTime';
import { STAR_LEVEL, YEAR_OUTCOME } from '../common/standing';
import { TIMING, UNIT_STATUS, UNIT_STATUSES, type UnitStatus } from '../common/statuses';
import type { OpOutput } from '../core/operations';
import { call, callAndSave, CliFailure, localFile, pad, unitIdByName, year, type Emit, type Output } from './run';

/** 一星 … 三星, or 1 … 3; 无 clears it. */
const STAR: Record<string, number | null> = {
  ...Object.fromEntries(
    Object.entries(STAR_LEVEL).flatMap(([n, label]) => [
      [label, Number(n)],
      [n, Number(n)],
    ]),
  ),
  无: null,
  none: null,
};

function statusOf(text: string): UnitStatus {
  const code = (UNIT_STATUSES as readonly string[]).includes(text)
    ? (text as UnitStatus)
    : (Object.entries(UNIT_STATUS).find(([, label]) => label === text)?.[0] as UnitStatus | undefined);
  if (!code)
    throw new CliFailure('invalid-input', `状态只能是 在册、暂停、撤销（或 active、suspended、revoked）：${text}`);
  return code;
}

/** 动态管理 from the command line: a unit across years, the rules' list, standing and stars. */
export function registerDynamics(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const units = program.commands.find((c) => c.name() === 'units')!;
  units
    .command('import-history')
    .argument('<FILE>', '往年情况表（.xlsx / .csv）：年度、集体名称、报送情况，可选 得分、等次、是否表彰')
    .description('导入往年情况：成为往年的年度记录，使动态管理在本软件第一年就准确')
    .option('--dry-run', '只预览，不写入')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const r = await call<OpOutput<'units.importHistory'>>(dataFlag(), 'units.importHistory', {
        file: localFile(file),
        apply: !opts.dryRun,
      });
      const { rows: _rows, ...report } = r;
      emit(report, () => {
        for (const y of r.years)
          out.print(
            `${y.year}年度：${y.rows} 个集体（按时 ${y.onTime}，逾期 ${y.late}，未报送 ${y.missing}，被拒收 ${y.refused}，表彰 ${y.honored}）${y.campaign === 'new' ? '，新建往年记录' : ''}`,
          );
        for (const u of r.unmatched) out.print(`  第 ${u.row} 行：名册中找不到“${u.name}”`);
        for (const b of r.bad) out.print(`  第 ${b.row} 行：${b.reason}`);
        for (const k of r.kept) out.print(`  第 ${k.row} 行：“${k.name}”${k.year}年度已有材料，未覆盖`);
        out.print(r.applied ? '已导入。' : '（预览，未写入）');
      });
    });
  units
    .command('history')
    .argument('<UNIT>', '集体编号或完整名称')
    .description('一个集体历年的报送、评审、表彰、提醒和状态、星级变化')
    .option('--json', '以 JSON 输出')
    .action(async (unit: string) => {
      const h = await call<OpOutput<'units.history'>>(dataFlag(), 'units.history', {
        unitId: await unitIdByName(dataFlag(), unit),
      });
      emit(h, () => {
        out.print(
          `${h.unit.name}（${h.unit.sectorName ?? '未分配系统'}，${UNIT_STATUS[h.unit.status]}${h.unit.starLevel ? `，${h.unit.starLevel}星` : ''}）`,
        );
        for (const y of h.years) {
          const c = y.current;
          const sent = c
            ? `${chinaTimeLabel(c.receivedAt)} ${c.late ? TIMING.late : TIMING.onTime}${c.verdict ? `，定级“${c.verdict}”` : c.mean !== null ? `，评审均分 ${c.mean}` : ''}${c.practice ? '，典型做法' : ''}`
            : y.refused.length
              ? `被拒收：${y.refused.at(-1)!.message}`
              : YEAR_OUTCOME.missing;
          out.print(
            `  ${y.year}  ${sent}${y.honored ? '，受表彰' : ''}${y.reminders.length ? `，提醒 ${y.reminders.length} 次` : ''}`,
          );
        }
        for (const s of h.status)
          out.print(
            `  状态 ${s.effectiveOn} ${UNIT_STATUS[s.previous as UnitStatus]} → ${UNIT_STATUS[s.status as UnitStatus]}（${s.by}：${s.reason}）`,
          );
      });
    });
  units
    .command('flags')
    .description('动态管理名单：按规则（连续未报送、连续逾期、连续不合格、连续优秀、撤销后来件）选出的集体')
    .option('--campaign <YEAR>', '按哪一年度为止评估（默认最近收过材料的年度）')
    .option('--out <FILE>', '同时导出为 .xlsx 或 .pdf')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { campaign?: string; out?: string }) => {
      const campaignYear = year(opts.campaign);
      const result = await call<OpOutput<'dynamics.flags'>>(dataFlag(), 'dynamics.flags', { campaignYear });
      if (opts.out) {
        const format = opts.out.toLowerCase().endsWith('.pdf') ? 'pdf' : 'xlsx';
        await callAndSave<OpOutput<'dynamics.export'>>(
          dataFlag(),
          'dynamics.export',
          { campaignYear, format },
          opts.out,
        );
      }
      emit(result, () => {
        for (const f of result.flags) out.print(`${pad(f.unitName, 36)} ${pad(f.label, 28)} ${f.evidence}`);
        out.print(
          `${result.asOf ?? '—'} 年度为止，共 ${result.flags.length} 项${opts.out ? `；已导出：${opts.out}` : ''}`,
        );
      });
    });
  units
    .command('set-status')
    .argument('<UNIT...>', '集体编号或完整名称')
    .requiredOption('--status <STATUS>', '在册、暂停 或 撤销')
    .requiredOption('--reason <TEXT>', '理由（写入动态记录）')
    .option('--on <DATE>', '生效日期（YYYY-MM-DD，默认今天）')
    .option('--json', '以 JSON 输出')
    .action(async (list: string[], opts: { status: string; reason: string; on?: string }) => {
      const unitIds = await Promise.all(list.map((u) => unitIdByName(dataFlag(), u)));
      const result = await call<OpOutput<'units.setStatus'>>(dataFlag(), 'units.setStatus', {
        unitIds,
        status: statusOf(opts.status),
        reason: opts.reason,
        effectiveOn: opts.on,
      });
      emit(result, () =>
        result.changed.forEach((c) =>
          out.print(
            `${c.name}：${UNIT_STATUS[c.previous as UnitStatus]} → ${UNIT_STATUS[c.now as UnitStatus]}（撤销用 history ${c.historyId}）`,
          ),
        ),
      );
    });
  units
    .command('set-star')
    .argument('<UNIT...>', '集体编号或完整名称')
    .requiredOption('--star <N>', '一星、二星、三星（或 1、2、3；无 = 取消）')
    .requiredOption('--reason <TEXT>', '理由（写入动态记录）')
    .option('--json', '以 JSON 输出')
    .action(async (list: string[], opts: { star: string; reason: string }) => {
      if (!(opts.star in STAR)) throw new CliFailure('invalid-input', `星级只能是 一星、二星、三星、无：${opts.star}`);
      const unitIds = await Promise.all(list.map((u) => unitIdByName(dataFlag(), u)));
      const result = await call<OpOutput<'units.setStar'>>(dataFlag(), 'units.setStar', {
        unitIds,
        star: STAR[opts.star],
        reason: opts.reason,
      });
      emit(result, () => result.changed.forEach((c) => out.print(`${c.name}：${c.previous} → ${c.now}`)));
    });
}
