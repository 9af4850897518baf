import type { Command } from 'commander';
import { chinaTimeLabel } from '../common/chinaTime';
import { COMPLETENESS, INTAKE_STATUS, labelOf } from '../common/statuses';
import type { OpOutput } from '../core/operations';
import { call, CliFailure, localFile, pad, year, type Emit, type Output } from './run';


/** What `desk import` and `desk mail fetch` print: the intake document with --json, else one line per source. */
export function printIntake(result: Pick<OpOutput<'intake.import'>, 'sources' | 'totals'>, out: Output): void {
  if (out.json) {
    // The intake document is its own shape (documented in the README), not the envelope.
    out.print(JSON.stringify({ sources: result.sources, totals: result.totals }));
    return;
  }
  for (const r of result.sources) {
    const flags = [r.late ? '逾期' : '', r.completeness === 'incomplete' ? '不齐全' : ''].filter(Boolean).join('、');
    out.print(`${pad(INTAKE_STATUS[r.status], 8)}${pad(r.source, 40)}${r.unit ? `${r.unit.name}（${r.match?.reason}）` : ''}${flags ? ` [${flags}]` : ''}${r.status === 'rejected' || r.status === 'duplicate' || r.status === 'skipped' ? ` ${r.message}` : ''}`);
  }
  const t = result.totals;
  out.print(`共 ${t.sources} 份：已收 ${t.imported}，待认领 ${t.unmatched}，重复 ${t.duplicate}，拒收 ${t.rejected}${t.skipped ? `，跳过 ${t.skipped}` : ''}；逾期 ${t.late}，不齐全 ${t.incomplete}。`);
}

export function registerIntake(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  program
    .command('import')
    .description('收件：导入 ZIP、.eml、文件夹或散装文件，匹配集体并检查材料是否齐全、是否逾期')
    .argument('<PATH...>', '压缩包、邮件文件或文件夹')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出结果')
    .action(async (paths: string[], opts: { campaign?: string }) => {
      const result = await call<OpOutput<'intake.import'>>(dataFlag(), 'intake.import', { files: paths.map(localFile), campaignYear: year(opts.campaign) });
      printIntake(result, out);
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
          out.print(`${pad(String(s.id), 6)}${pad(s.unitName ?? '（待认领）', 40)}v${s.version}${s.isCurrent ? '*' : ' '} ${chinaTimeLabel(s.receivedAt)} ${s.late ? '逾期' : '按时'} ${labelOf(COMPLETENESS, s.completeness)}  ${s.sourceLabel}`);
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
      const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(time.trim());
      if (!match) throw new CliFailure('invalid-input', '收到时间应写成 2022-10-31 18:00（北京时间）');
      const [, y, mo, d, h = '0', mi = '00'] = match;
      const iso = new Date(`${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h.padStart(2, '0')}:${mi}:00+08:00`).toISOString();
      const result = await call<OpOutput<'submissions.setReceivedAt'>>(dataFlag(), 'submissions.setReceivedAt', { submissionId: Number(submission), receivedAt: iso, reason: opts.reason });
      emit(result, () => out.print(`已把材料 ${submission} 的收到时间更正为 ${chinaTimeLabel(result.receivedAt)}（${result.late ? '逾期' : '按时'}）`));
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
      emit(result, () => out.print(`已把材料 ${submission} 认领给“${result.submission.unitName}”（第 ${result.submission.version} 版）${result.learned.length ? `；记住别名：${result.learned.join('、')}` : ''}${result.refused.map((r) => `；“${r.alias}”也会认成“${r.unitName}”，未记为别名`).join('')}`));
    });
}
