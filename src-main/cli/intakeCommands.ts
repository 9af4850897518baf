import type { Command } from 'commander';
import { chinaTimeLabel } from '../common/chinaTime';
import { chinaInstantOf, parseTypedDate } from '../common/lenientDate';
import { COMPLETENESS, INTAKE_STATUS, TIMING, UNCLAIMED, labelOf, timingOf } from '../common/statuses';
import { FILE_KIND } from '../common/fileKinds';
import { historyLine } from '../common/submissionHistory';
import type { OpOutput } from '../core/operations';
import { call, CliFailure, localFile, pad, unitIdByName, year, type Emit, type Output } from './run';

/** What `desk import` and `desk mail fetch` print: the intake document with --json, else one line per source. */
export function printIntake(result: Pick<OpOutput<'intake.import'>, 'sources' | 'totals'>, out: Output): void {
  if (out.json) {
    // The intake document is its own shape (documented in docs/intake.md), not the envelope.
    out.print(JSON.stringify({ sources: result.sources, totals: result.totals }));
    return;
  }
  for (const r of result.sources) {
    const flags = [r.late ? TIMING.late : '', r.completeness === 'incomplete' ? COMPLETENESS.incomplete : '']
      .filter(Boolean)
      .join('、');
    out.print(
      `${pad(INTAKE_STATUS[r.status], 8)}${pad(r.source, 40)}${r.unit ? `${r.unit.name}（${r.match?.reason}）` : ''}${flags ? ` [${flags}]` : ''}${r.status === 'rejected' || r.status === 'duplicate' || r.status === 'skipped' ? ` ${r.message}` : ''}`,
    );
  }
  const t = result.totals;
  out.print(
    `共 ${t.sources} 份：已收 ${t.imported}，待认领 ${t.unmatched}，重复 ${t.duplicate}，拒收 ${t.rejected}${t.skipped ? `，跳过 ${t.skipped}` : ''}；逾期 ${t.late}，不齐全 ${t.incomplete}。`,
  );
}

function problemsText(problems: unknown): string {
  const list = problems as Array<{ message: string }>;
  return list.length ? `（${list.map((p) => p.message).join('；')}）` : '';
}

export function registerIntake(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  program
    .command('import')
    .description('收件：导入 ZIP、.eml、文件夹或散装文件，匹配集体并检查材料是否齐全、是否逾期')
    .argument('<PATH...>', '压缩包、邮件文件或文件夹')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出结果')
    .action(async (paths: string[], opts: { campaign?: string }) => {
      const result = await call<OpOutput<'intake.import'>>(dataFlag(), 'intake.import', {
        files: paths.map(localFile),
        campaignYear: year(opts.campaign),
      });
      printIntake(result, out);
    });

  const submissions = program.command('submissions').description('报送材料');
  submissions
    .command('list')
    .description('列出某年度收到的报送材料')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--unclaimed', '只列出待认领的')
    .option('--deleted', '只列出已删除的')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { campaign?: string; unclaimed?: boolean; deleted?: boolean }) => {
      const raw = await call<OpOutput<'submissions.list'>>(dataFlag(), 'submissions.list', {
        campaignYear: year(opts.campaign),
        unclaimed: opts.unclaimed,
        deleted: opts.deleted,
      });
      // complete, timing (按时 / 逾期 / 逾期补齐) and how many versions the unit sent, as docs/intake.md documents.
      const versions = new Map<number, number>();
      for (const s of raw)
        if (s.unitId !== null && s.supplementOf === null) versions.set(s.unitId, (versions.get(s.unitId) ?? 0) + 1);
      const list = raw.map((s) => ({
        ...s,
        complete: s.completeness === 'complete',
        timing: timingOf(s),
        versions: s.unitId === null ? 1 : (versions.get(s.unitId) ?? 1),
      }));
      emit(list, () => {
        for (const s of list) {
          out.print(
            `${pad(String(s.id), 6)}${pad(s.unitName ?? '（待认领）', 40)}v${s.version}${s.isCurrent ? '*' : ' '} ${chinaTimeLabel(s.receivedAt)} ${s.timing}${s.supplementOf !== null ? '（补充）' : ''} ${labelOf(COMPLETENESS, s.completeness)}  ${s.sourceLabel}`,
          );
        }
        out.print(`共 ${list.length} 份`);
      });
    });
  submissions
    .command('set-received')
    .description('更正收到时间（北京时间），写明理由；是否逾期随之重新判断，更正记入材料的记录')
    .argument('<SUBMISSION>', '材料编号')
    .argument('<TIME>', '收到时间，如 "2022-10-31 18:00"')
    .requiredOption('--reason <TEXT>', '更正理由')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string, time: string, opts: { reason: string }) => {
      const typed = parseTypedDate(time);
      if (!typed)
        throw new CliFailure(
          'invalid-input',
          `看不懂收到时间“${time}”，请写成 2022-10-31 18:00、2022/10/31 18:00 或 2022年10月31日 18:00（北京时间）`,
        );
      const iso = chinaInstantOf(typed);
      const result = await call<OpOutput<'submissions.setReceivedAt'>>(dataFlag(), 'submissions.setReceivedAt', {
        submissionId: Number(submission),
        receivedAt: iso,
        reason: opts.reason,
      });
      emit(result, () =>
        out.print(
          `已把材料 ${submission} 的收到时间更正为 ${chinaTimeLabel(result.receivedAt)}（${result.late ? TIMING.late : TIMING.onTime}）`,
        ),
      );
    });
  const unitIdOf = (unit: string) => unitIdByName(dataFlag(), unit);
  submissions
    .command('move')
    .description('更正：把材料改到另一个集体（写明理由）；两个集体的当前版本随之调整')
    .argument('<SUBMISSION>', '材料编号')
    .argument('<UNIT>', '集体编号或完整名称')
    .requiredOption('--reason <TEXT>', '理由')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string, unit: string, opts: { reason: string }) => {
      const result = await call<OpOutput<'submissions.move'>>(dataFlag(), 'submissions.move', {
        submissionId: Number(submission),
        unitId: await unitIdOf(unit),
        reason: opts.reason,
      });
      emit(result, () =>
        out.print(`已把材料 ${submission} 改到“${result.submission.unitName}”（第 ${result.submission.version} 版）`),
      );
    });
  submissions
    .command('set-kind')
    .description('更正：指定某个文件是工作总结、照片还是其他文件；材料是否齐全随之重新判断')
    .argument('<SUBMISSION>', '材料编号')
    .argument('<FILE>', '文件名（材料中的文件名）或文件编号')
    .argument('<KIND>', 'summary（工作总结）、photo（照片）或 other（其他文件）')
    .option('--reason <TEXT>', '理由', '')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string, file: string, kind: string, opts: { reason: string }) => {
      const detail = await call<OpOutput<'submissions.get'>>(dataFlag(), 'submissions.get', { id: Number(submission) });
      const byName = detail.files.filter((f) => f.name === file || f.pathInSource === file);
      const target = byName.length === 1 ? byName[0] : detail.files.find((f) => String(f.id) === file);
      if (!target)
        throw new CliFailure(
          'not-found',
          byName.length > 1
            ? `材料 ${submission} 中有 ${byName.length} 个“${file}”，请用文件编号（见 desk submissions history ${submission}）`
            : `材料 ${submission} 中没有文件“${file}”`,
        );
      const result = await call<OpOutput<'submissions.setFileKind'>>(dataFlag(), 'submissions.setFileKind', {
        fileId: target.id,
        kind: kind as 'summary',
        reason: opts.reason,
      });
      emit(result, () =>
        out.print(
          `已把“${target.name}”设为${labelOf(FILE_KIND, kind)}；材料${labelOf(COMPLETENESS, result.completeness)}${problemsText(result.problems)}`,
        ),
      );
    });
  submissions
    .command('delete')
    .description('删除一份材料（写明理由；可用 restore 恢复）：不再出现在任何列表和统计中')
    .argument('<SUBMISSION>', '材料编号')
    .requiredOption('--reason <TEXT>', '理由')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string, opts: { reason: string }) => {
      const result = await call<OpOutput<'submissions.delete'>>(dataFlag(), 'submissions.delete', {
        submissionId: Number(submission),
        reason: opts.reason,
      });
      emit(result, () =>
        out.print(
          `已删除材料 ${submission}（${result.unitName ?? UNCLAIMED}）；可用 desk submissions restore ${submission} 恢复`,
        ),
      );
    });
  submissions
    .command('restore')
    .description('恢复一份已删除的材料')
    .argument('<SUBMISSION>', '材料编号')
    .option('--reason <TEXT>', '理由', '')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string, opts: { reason: string }) => {
      const result = await call<OpOutput<'submissions.restore'>>(dataFlag(), 'submissions.restore', {
        submissionId: Number(submission),
        reason: opts.reason,
      });
      emit(result, () =>
        out.print(
          `已恢复材料 ${submission}（${result.unitName ?? UNCLAIMED}，第 ${result.version} 版${result.isCurrent ? '，当前' : ''}）`,
        ),
      );
    });
  submissions
    .command('history')
    .description('一份材料的文件和更正记录')
    .argument('<SUBMISSION>', '材料编号')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string) => {
      const detail = await call<OpOutput<'submissions.get'>>(dataFlag(), 'submissions.get', { id: Number(submission) });
      emit(
        {
          id: detail.id,
          unitName: detail.unitName,
          deletedAt: detail.deletedAt,
          files: detail.files,
          history: detail.history,
        },
        () => {
          out.print(
            `材料 ${detail.id}：${detail.unitName ?? UNCLAIMED}，第 ${detail.version} 版${detail.deletedAt ? '（已删除）' : ''}`,
          );
          for (const f of detail.files)
            out.print(`  文件 ${pad(String(f.id), 6)}${pad(labelOf(FILE_KIND, f.kind), 8)}${f.pathInSource}`);
          if (!detail.history.length) out.print('  没有更正记录');
          for (const h of detail.history) out.print(`  ${chinaTimeLabel(h.at)} ${historyLine(h)}`);
        },
      );
    });
  submissions
    .command('assign')
    .description('认领：指定待认领材料属于哪个集体（记住为别名，下次自动匹配）')
    .argument('<SUBMISSION>', '材料编号')
    .argument('<UNIT>', '集体编号或完整名称')
    .option('--json', '以 JSON 输出')
    .action(async (submission: string, unit: string) => {
      const unitId = await unitIdOf(unit);
      const result = await call<OpOutput<'submissions.assign'>>(dataFlag(), 'submissions.assign', {
        submissionId: Number(submission),
        unitId,
      });
      emit(result, () =>
        out.print(
          `已把材料 ${submission} 认领给“${result.submission.unitName}”（第 ${result.submission.version} 版）${result.learned.length ? `；记住别名：${result.learned.join('、')}` : ''}${result.refused.map((r) => `；“${r.alias}”也会认成“${r.unitName}”，未记为别名`).join('')}`,
        ),
      );
    });
}
