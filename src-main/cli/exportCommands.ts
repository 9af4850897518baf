import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { call, callAndSave, callAndUnpack, CliFailure, year, type Emit, type Output } from './run';

export function registerExport(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const exporter = program.command('export').description('导出：统计表、名单');
  exporter
    .command('stats')
    .description('导出年度统计表（Excel）：汇总、明细、活动开展情况、未报送名单')
    .argument('<OUT>', '输出文件（.xlsx）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string }) => {
      const result = await callAndSave<OpOutput<'export.stats'>>(
        dataFlag(),
        'export.stats',
        { campaignYear: year(opts.campaign) },
        target,
      );
      emit(result, () => out.print(`已导出统计表：${result.units} 个集体，已报送 ${result.submitted} 个 → ${target}`));
    });
}

export function registerCsv(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const exporter = program.commands.find((c) => c.name() === 'export')!;
  exporter
    .command('csv')
    .description('导出 CSV（UTF-8 带 BOM，Excel 可直接打开）：roster 名册 | stats 统计明细 | reviews 评审记录')
    .argument('<KIND>', 'roster | stats | reviews')
    .argument('<OUT>', '输出文件（.csv）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (kind: string, target: string, opts: { campaign?: string }) => {
      if (!['roster', 'stats', 'reviews'].includes(kind))
        throw new CliFailure('invalid-input', `未知的 CSV 种类：${kind}（可用 roster、stats、reviews）`);
      const result = await callAndSave<OpOutput<'export.csv'>>(
        dataFlag(),
        'export.csv',
        { kind, campaignYear: year(opts.campaign) },
        target,
      );
      emit(result, () => out.print(`已导出 ${result.rows} 行 → ${target}`));
    });
}

/** The formal documents follow the name asked for: a .docx for WPS/Word, else PDF. */
const formatOf = (target: string): 'pdf' | 'docx' => (/\.docx$/i.test(target) ? 'docx' : 'pdf');

export function registerReports(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const exporter = program.commands.find((c) => c.name() === 'export')!;
  exporter
    .command('missing')
    .description('导出未报送提醒名单（PDF；输出文件以 .docx 结尾则为 Word 文档）')
    .argument('<OUT>', '输出文件（.pdf 或 .docx）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string }) => {
      const result = await callAndSave<OpOutput<'export.missing'>>(
        dataFlag(),
        'export.missing',
        { campaignYear: year(opts.campaign), format: formatOf(target) },
        target,
      );
      emit(result, () => out.print(`已导出未报送提醒名单：${result.missing} 个集体 → ${target}`));
    });
  exporter
    .command('practices')
    .description('导出典型做法汇编（PDF 或 .docx，含照片）')
    .argument('<OUT>', '输出文件（.pdf 或 .docx）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string }) => {
      const result = await callAndSave<OpOutput<'export.practices'>>(
        dataFlag(),
        'export.practices',
        { campaignYear: year(opts.campaign), format: formatOf(target) },
        target,
      );
      emit(result, () => out.print(`已导出典型做法汇编：${result.practices} 个集体 → ${target}`));
    });
  exporter
    .command('review-sheets')
    .description('导出逐单位评审表（每个已评审集体一份 PDF）：给出文件夹则逐份写入，给出 .zip 则打包')
    .argument('<OUT>', '输出文件夹（需已存在）或 .zip 文件')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string }) => {
      const input = { campaignYear: year(opts.campaign) };
      if (/\.zip$/i.test(target)) {
        const result = await callAndSave<OpOutput<'export.reviewSheets'>>(
          dataFlag(),
          'export.reviewSheets',
          input,
          target,
        );
        return emit(result, () => out.print(`已导出 ${result.sheets} 份评审表 → ${target}`));
      }
      const result = await callAndUnpack<OpOutput<'export.reviewSheets'>>(
        dataFlag(),
        'export.reviewSheets',
        input,
        target,
      );
      emit(result, () => out.print(`已导出 ${result.sheets} 份评审表 → ${target}`));
    });
}

/** `verdict:优秀,良好` | `score:90` | `quota:3` → the rule object core expects. */
function parseRule(text: string): unknown {
  const [type, arg = ''] = text.split(':');
  if (type === 'verdict') return { type, verdicts: arg.split(/[,，]/).filter(Boolean) };
  if (type === 'score') return { type, min: Number(arg) };
  if (type === 'quota') return { type, perSector: Number(arg) };
  throw new CliFailure('invalid-input', `无法识别的规则：${text}（可用 verdict:优秀、score:90、quota:3）`);
}

export function registerHonors(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  program
    .command('honors')
    .description('表彰')
    .command('decide')
    .description('按规则确定表彰集体：verdict:优秀[,良好] | score:分数线 | quota:每个系统名额')
    .requiredOption('--rule <RULE>', '规则')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { rule: string; campaign?: string }) => {
      const result = await call<OpOutput<'honors.decide'>>(dataFlag(), 'honors.decide', {
        campaignYear: year(opts.campaign),
        rule: parseRule(opts.rule),
      });
      emit(result, () => out.print(`已确定表彰集体 ${result.commended} 个（候选 ${result.candidates} 个）。`));
    });
  const exporter = program.commands.find((c) => c.name() === 'export')!;
  exporter
    .command('honors')
    .description('导出表彰名单（公文格式；PDF，或以 .docx 结尾的 Word 文档）')
    .argument('<OUT>', '输出文件（.pdf 或 .docx）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--title <TITLE>', '标题')
    .option('--issuer <ISSUER>', '落款单位')
    .option('--date <DATE>', '成文日期，如 2022-12-20')
    .option('--no-group', '不按系统分组，统一编号')
    .option('--ranked', '不印“（排名不分先后）”')
    .option('--json', '以 JSON 输出')
    .action(
      async (
        target: string,
        opts: { campaign?: string; title?: string; issuer?: string; date?: string; group: boolean; ranked?: boolean },
      ) => {
        const result = await callAndSave<OpOutput<'export.honors'>>(
          dataFlag(),
          'export.honors',
          {
            campaignYear: year(opts.campaign),
            title: opts.title,
            issuer: opts.issuer,
            date: opts.date,
            grouped: opts.group,
            unranked: !opts.ranked,
            format: formatOf(target),
          },
          target,
        );
        emit(result, () =>
          out.print(`已导出表彰名单：${result.sectors} 个系统、${result.commended} 个集体 → ${target}`),
        );
      },
    );
}
