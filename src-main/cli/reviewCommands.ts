import type { Command } from 'commander';
import { labelOf, REVIEW_STATUS } from '../common/statuses';
import type { OpOutput } from '../core/operations';
import { call, callAndSave, CliFailure, localFile, pad, year, type Emit, type Output } from './run';

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
}

export function registerReviewPackages(
  program: Command,
  dataFlag: () => string | undefined,
  emit: Emit,
  out: Output,
): void {
  // One group for reviews; `desk reviews list` (the old spelling) still works as an alias.
  const review = program.command('review').alias('reviews').description('评审：列出、分配、离线评审包');
  review
    .command('list')
    .description('列出某年度的评审')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { campaign?: string }) => {
      const list = await call<OpOutput<'reviews.list'>>(dataFlag(), 'reviews.list', {
        campaignYear: year(opts.campaign),
      });
      emit(list, () => {
        for (const r of list)
          out.print(
            `${pad(String(r.id), 6)}${pad(r.unitName ?? '—', 40)}${pad(String(r.total), 6)}${pad(r.verdict ?? '—', 8)}${labelOf(REVIEW_STATUS, r.status)}`,
          );
        out.print(`共 ${list.length} 份评审`);
      });
    });
  review
    .command('assign')
    .description('随机平均分配评审任务（回避的评审人不分配）')
    .requiredOption('--per-submission <N>', '每份材料的评审人数')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { perSubmission: string; campaign?: string }) => {
      const n = Number(opts.perSubmission);
      if (!Number.isInteger(n) || n < 1)
        throw new CliFailure('invalid-input', `--per-submission 应为正整数：${opts.perSubmission}`);
      const result = await call<OpOutput<'reviews.assign'>>(dataFlag(), 'reviews.assign', {
        campaignYear: year(opts.campaign),
        request: { mode: 'random', perSubmission: n },
      });
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
      const result = await callAndSave<OpOutput<'reviews.exportPackage'>>(
        dataFlag(),
        'reviews.exportPackage',
        { reviewer: opts.reviewer, campaignYear: year(opts.campaign) },
        target,
      );
      emit(result, () => out.print(`已导出评审包：${result.submissions} 份材料、${result.files} 个文件 → ${target}`));
    });
  review
    .command('open-package')
    .description('评审人：在自己的数据文件夹中打开评审包')
    .argument('<FILE>', '评审包文件')
    .option('--json', '以 JSON 输出')
    .action(async (file: string) => {
      const result = await call<OpOutput<'reviews.openPackage'>>(dataFlag(), 'reviews.openPackage', {
        file: localFile(file),
      });
      emit(result, () =>
        out.print(
          result.alreadyOpen
            ? '该评审包已经打开过，无需重复打开。'
            : `已打开 ${result.reviewer} 的评审包：${result.campaignYear} 年度，${result.submissions} 份材料。`,
        ),
      );
    });
  review
    .command('export-result')
    .description('评审人：导出评审结果文件，交回办公室')
    .argument('<OUT>', '输出文件（.deskresult）')
    .option('--json', '以 JSON 输出')
    .action(async (target: string) => {
      const result = await callAndSave<OpOutput<'reviews.exportResult'>>(
        dataFlag(),
        'reviews.exportResult',
        {},
        target,
      );
      emit(result, () => out.print(`已导出 ${result.reviews} 份评审（其中已提交 ${result.submitted} 份）→ ${target}`));
    });
  review
    .command('import-result')
    .description('办公室：导入评审人交回的结果文件并合并')
    .argument('<FILE>', '结果文件')
    .option('--json', '以 JSON 输出')
    .action(async (file: string) => {
      const result = await call<OpOutput<'reviews.importResult'>>(dataFlag(), 'reviews.importResult', {
        file: localFile(file),
      });
      emit(result, () => {
        out.print(
          `已合并 ${result.reviewer} 的评审：采用 ${result.applied}，更新 ${result.updated}，无变化 ${result.unchanged}，冲突 ${result.conflicts.length}，未采用 ${result.stale.length}，较旧未采用 ${result.older.length}。`,
        );
        for (const s of result.older) out.print(`  材料 ${s.submissionId}：${s.reason}`);
        for (const s of result.stale) out.print(`  材料 ${s.submissionId}：${s.reason}`);
      });
    });
}
