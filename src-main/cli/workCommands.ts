import path from 'node:path';
import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { call, CliFailure, pad, type Output } from './run';

type Emit = (value: unknown, human: () => void) => void;

const STATUS: Record<string, string> = { imported: '已收', duplicate: '重复', unmatched: '待认领', rejected: '拒收' };

function year(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliFailure('invalid-input', `年度应为四位数字：${value}`);
  return n;
}

export function registerIntake(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  program
    .command('import')
    .description('收件：导入 ZIP、.eml、文件夹或散装文件，匹配集体并检查材料是否齐全、是否逾期')
    .argument('<PATH...>', '压缩包、邮件文件或文件夹')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出结果')
    .action(async (paths: string[], opts: { campaign?: string }) => {
      const result = await call<OpOutput<'intake.importPaths'>>(dataFlag(), 'intake.importPaths', { paths: paths.map((p) => path.resolve(p)), campaignYear: year(opts.campaign) });
      if (out.json) {
        // The intake document is its own shape (documented in the README), not the envelope.
        out.print(JSON.stringify({ sources: result.sources, totals: result.totals }));
        return;
      }
      for (const r of result.sources) {
        const flags = [r.late ? '逾期' : '', r.completeness === 'incomplete' ? '不齐全' : ''].filter(Boolean).join('、');
        out.print(`${pad(STATUS[r.status] ?? r.status, 8)}${pad(r.source, 40)}${r.unit ? `${r.unit.name}（${r.match?.reason}）` : ''}${flags ? ` [${flags}]` : ''}${r.status === 'rejected' || r.status === 'duplicate' ? ` ${r.message}` : ''}`);
      }
      const t = result.totals;
      out.print(`共 ${t.sources} 份：已收 ${t.imported}，待认领 ${t.unmatched}，重复 ${t.duplicate}，拒收 ${t.rejected}；逾期 ${t.late}，不齐全 ${t.incomplete}。`);
    });

  const submissions = program.command('submissions').description('报送材料');
  submissions
    .command('list')
    .description('列出某年度收到的报送材料')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--unclaimed', '只列出待认领的')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { campaign?: string; unclaimed?: boolean }) => {
      const list = await call<OpOutput<'submissions.list'>>(dataFlag(), 'submissions.list', { campaignYear: year(opts.campaign), unclaimed: opts.unclaimed });
      emit(list, () => {
        for (const s of list) {
          out.print(`${pad(String(s.id), 6)}${pad(s.unitName ?? '（待认领）', 40)}v${s.version}${s.isCurrent ? '*' : ' '} ${s.receivedAt.slice(0, 16).replace('T', ' ')} ${s.late ? '逾期' : '按时'} ${s.completeness === 'complete' ? '齐全' : '不齐全'}  ${s.sourceLabel}`);
        }
        out.print(`共 ${list.length} 份`);
      });
    });
  submissions
    .command('assign')
    .description('认领：指定待认领材料属于哪个集体（记住为别名，下次自动匹配）')
    .argument('<SUBMISSION>', '材料编号')
    .argument('<UNIT>', '集体编号或完整名称')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string, unit: string) => {
      let unitId = Number(unit);
      if (!Number.isInteger(unitId)) {
        const found = await call<OpOutput<'units.list'>>(dataFlag(), 'units.list', { search: unit });
        const exact = found.find((u) => u.name === unit);
        if (!exact) throw new CliFailure('not-found', `名册中没有名为“${unit}”的集体`);
        unitId = exact.id;
      }
      const result = await call<OpOutput<'submissions.assign'>>(dataFlag(), 'submissions.assign', { submissionId: Number(submission), unitId });
      emit(result, () => out.print(`已把材料 ${submission} 认领给“${result.submission.unitName}”（第 ${result.submission.version} 版）${result.learned.length ? `；记住别名：${result.learned.join('、')}` : ''}`));
    });
}

export function registerReview(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const reviewers = program.command('reviewers').description('评审人');
  reviewers
    .command('add')
    .description('添加评审人')
    .argument('<NAME>', '姓名')
    .option('--json', '以 JSON 输出')
    .action(async (name: string) => {
      const reviewer = await call<OpOutput<'reviewers.create'>>(dataFlag(), 'reviewers.create', { name });
      emit(reviewer, () => out.print(`已添加评审人“${reviewer.name}”（编号 ${reviewer.id}）`));
    });
  reviewers
    .command('list')
    .description('列出评审人')
    .option('--json', '以 JSON 输出')
    .action(async () => {
      const list = await call<OpOutput<'reviewers.list'>>(dataFlag(), 'reviewers.list');
      emit(list, () => list.forEach((r) => out.print(`${pad(String(r.id), 6)}${r.name}${r.active ? '' : '（停用）'}`)));
    });
  program
    .command('reviews')
    .description('评审记录')
    .command('list')
    .description('列出某年度的评审')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { campaign?: string }) => {
      const list = await call<OpOutput<'reviews.list'>>(dataFlag(), 'reviews.list', { campaignYear: year(opts.campaign) });
      emit(list, () => {
        for (const r of list) out.print(`${pad(String(r.id), 6)}${pad(r.unitName ?? '—', 40)}${pad(String(r.total), 6)}${pad(r.verdict ?? '—', 8)}${r.status === 'submitted' ? '已提交' : '草稿'}`);
        out.print(`共 ${list.length} 份评审`);
      });
    });
}

export function registerReviewPackages(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const review = program.command('review').description('评审：分配、离线评审包');
  review
    .command('assign')
    .description('随机平均分配评审任务（回避的评审人不分配）')
    .requiredOption('--per-submission <N>', '每份材料的评审人数')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { perSubmission: string; campaign?: string }) => {
      const n = Number(opts.perSubmission);
      if (!Number.isInteger(n) || n < 1) throw new CliFailure('invalid-input', `--per-submission 应为正整数：${opts.perSubmission}`);
      const result = await call<OpOutput<'reviews.assign'>>(dataFlag(), 'reviews.assign', { campaignYear: year(opts.campaign), request: { mode: 'random', perSubmission: n } });
      emit(result, () => {
        out.print(`已分配 ${result.assigned} 份评审任务。`);
        for (const s of result.short) out.print(`  ${s.unitName}：只有 ${s.got} 位评审人可分配（其余需回避）`);
      });
    });
  review
    .command('export-package')
    .description('办公室：为某位评审人导出离线评审包')
    .requiredOption('--reviewer <NAME>', '评审人姓名')
    .argument('<OUT>', '输出文件（.deskreview）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { reviewer: string; campaign?: string }) => {
      const result = await call<OpOutput<'reviews.exportPackage'>>(dataFlag(), 'reviews.exportPackage', { reviewer: opts.reviewer, path: path.resolve(target), campaignYear: year(opts.campaign) });
      emit(result, () => out.print(`已导出评审包：${result.submissions} 份材料、${result.files} 个文件 → ${target}`));
    });
  review
    .command('open-package')
    .description('评审人：在自己的数据文件夹中打开评审包')
    .argument('<FILE>', '评审包文件')
    .option('--json', '以 JSON 输出')
    .action(async (file: string) => {
      const result = await call<OpOutput<'reviews.openPackage'>>(dataFlag(), 'reviews.openPackage', { path: path.resolve(file) });
      emit(result, () => out.print(result.alreadyOpen ? '该评审包已经打开过，无需重复打开。' : `已打开 ${result.reviewer} 的评审包：${result.campaignYear} 年度，${result.submissions} 份材料。`));
    });
  review
    .command('export-result')
    .description('评审人：导出评审结果文件，交回办公室')
    .argument('<OUT>', '输出文件（.deskresult）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string) => {
      const result = await call<OpOutput<'reviews.exportResult'>>(dataFlag(), 'reviews.exportResult', { path: path.resolve(target) });
      emit(result, () => out.print(`已导出 ${result.reviews} 份评审（其中已提交 ${result.submitted} 份）→ ${target}`));
    });
  review
    .command('import-result')
    .description('办公室：导入评审人交回的结果文件并合并')
    .argument('<FILE>', '结果文件')
    .option('--json', '以 JSON 输出')
    .action(async (file: string) => {
      const result = await call<OpOutput<'reviews.importResult'>>(dataFlag(), 'reviews.importResult', { path: path.resolve(file) });
      emit(result, () => {
        out.print(`已合并 ${result.reviewer} 的评审：采用 ${result.applied}，无变化 ${result.unchanged}，冲突 ${result.conflicts.length}，未采用 ${result.stale.length}。`);
        for (const s of result.stale) out.print(`  材料 ${s.submissionId}：${s.reason}`);
      });
    });
}

export function registerExport(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const exporter = program.command('export').description('导出：统计表、名单');
  exporter
    .command('stats')
    .description('导出年度统计表（Excel）：汇总、明细、活动开展情况、未报送名单')
    .argument('<OUT>', '输出文件（.xlsx）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string }) => {
      const result = await call<OpOutput<'export.statsFile'>>(dataFlag(), 'export.statsFile', { campaignYear: year(opts.campaign), path: path.resolve(target) });
      emit(result, () => out.print(`已导出统计表：${result.units} 个集体，已报送 ${result.submitted} 个 → ${target}`));
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
      if (!['roster', 'stats', 'reviews'].includes(kind)) throw new CliFailure('invalid-input', `未知的 CSV 种类：${kind}（可用 roster、stats、reviews）`);
      const result = await call<OpOutput<'export.csvFile'>>(dataFlag(), 'export.csvFile', { kind, campaignYear: year(opts.campaign), path: path.resolve(target) });
      emit(result, () => out.print(`已导出 ${result.rows} 行 → ${target}`));
    });
}

export function registerReports(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const exporter = program.commands.find((c) => c.name() === 'export')!;
  exporter
    .command('missing')
    .description('导出未报送提醒名单（PDF）')
    .argument('<OUT>', '输出文件（.pdf）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string }) => {
      const result = await call<OpOutput<'export.missingFile'>>(dataFlag(), 'export.missingFile', { campaignYear: year(opts.campaign), path: path.resolve(target) });
      emit(result, () => out.print(`已导出未报送提醒名单：${result.missing} 个集体 → ${target}`));
    });
  exporter
    .command('practices')
    .description('导出典型做法汇编（PDF，含照片）')
    .argument('<OUT>', '输出文件（.pdf）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string }) => {
      const result = await call<OpOutput<'export.practicesFile'>>(dataFlag(), 'export.practicesFile', { campaignYear: year(opts.campaign), path: path.resolve(target) });
      emit(result, () => out.print(`已导出典型做法汇编：${result.practices} 个集体 → ${target}`));
    });
  exporter
    .command('review-sheets')
    .description('导出逐单位评审表（每个已评审集体一份 PDF）')
    .argument('<DIR>', '输出文件夹（需已存在）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (dir: string, opts: { campaign?: string }) => {
      const result = await call<OpOutput<'export.reviewSheets'>>(dataFlag(), 'export.reviewSheets', { campaignYear: year(opts.campaign), dir: path.resolve(dir) });
      emit(result, () => out.print(`已导出 ${result.sheets} 份评审表 → ${dir}`));
    });
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
      const result = await call<OpOutput<'honors.decide'>>(dataFlag(), 'honors.decide', { campaignYear: year(opts.campaign), rule: parseRule(opts.rule) });
      emit(result, () => out.print(`已确定表彰集体 ${result.commended} 个（候选 ${result.candidates} 个）。`));
    });
  const exporter = program.commands.find((c) => c.name() === 'export')!;
  exporter
    .command('honors')
    .description('导出表彰名单（PDF，公文格式）')
    .argument('<OUT>', '输出文件（.pdf）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--title <TITLE>', '标题')
    .option('--issuer <ISSUER>', '落款单位')
    .option('--date <DATE>', '成文日期，如 2022-12-20')
    .option('--no-group', '不按系统分组，统一编号')
    .option('--ranked', '不印“（排名不分先后）”')
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: { campaign?: string; title?: string; issuer?: string; date?: string; group: boolean; ranked?: boolean }) => {
      const result = await call<OpOutput<'export.honorsFile'>>(dataFlag(), 'export.honorsFile', { campaignYear: year(opts.campaign), title: opts.title, issuer: opts.issuer, date: opts.date, grouped: opts.group, unranked: !opts.ranked, path: path.resolve(target) });
      emit(result, () => out.print(`已导出表彰名单：${result.sectors} 个系统、${result.commended} 个集体 → ${target}`));
    });
}
