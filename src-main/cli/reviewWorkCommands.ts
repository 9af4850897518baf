import fs from 'node:fs';
import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { call, CliFailure, year, type Emit, type Output } from './run';

type Campaign = NonNullable<OpOutput<'campaigns.current'>>;

/** The campaign a command names (--campaign YEAR) or the current one, with its checklist. */
export async function campaignOf(data: string | undefined, campaignYear: number | undefined): Promise<Campaign> {
  const list = await call<Campaign[]>(data, 'campaigns.list');
  const found = campaignYear === undefined ? list.find((c) => c.isCurrent) : list.find((c) => c.year === campaignYear);
  if (!found)
    throw new CliFailure(
      'not-found',
      campaignYear === undefined ? '还没有当前年度工作' : `没有 ${campaignYear} 年度的年度工作`,
    );
  return call<Campaign>(data, 'campaigns.get', { id: found.id });
}

/** A unit's current material in the campaign, by the unit's name as the roster spells it. */
export async function currentOf(data: string | undefined, campaignYear: number, unit: string): Promise<number> {
  const list = await call<OpOutput<'submissions.list'>>(data, 'submissions.list', { campaignYear });
  const found = list.find((s) => s.unitName === unit && s.isCurrent);
  if (!found) throw new CliFailure('not-found', `“${unit}”在 ${campaignYear} 年度没有报送材料（请用名册中的全称）`);
  return found.id;
}

async function reviewerOf(data: string | undefined, name: string): Promise<number> {
  const found = (await call<OpOutput<'reviewers.list'>>(data, 'reviewers.list')).find((r) => r.name === name);
  if (!found) throw new CliFailure('not-found', `评审人名单中没有“${name}”`);
  return found.id;
}

/** Every item done, counts at their minimum, no veto: what a reviewer ticking the whole list gives. */
function allDone(campaign: Campaign) {
  return Object.fromEntries(
    campaign.items.map((i) => [
      String(i.id),
      i.kind === 'count'
        ? { count: i.minCount ?? 1 }
        : i.kind === 'veto'
          ? { vetoed: false }
          : i.kind === 'score'
            ? { score: i.points }
            : { done: true },
    ]),
  );
}

/** 评审 as the office's scripts do it: score, return, the results and 一键按均分定级. */
export function registerReviewWork(
  program: Command,
  dataFlag: () => string | undefined,
  emit: Emit,
  out: Output,
): void {
  const review = program.commands.find((c) => c.name() === 'review')!;
  review
    .command('score')
    .description('以某位评审人的身份评审某集体的当前材料（与界面中保存相同）')
    .argument('<UNIT>', '集体名称')
    .requiredOption('--reviewer <NAME>', '评审人姓名')
    .option('--all-done', '每项都已完成，计数项取最低要求')
    .option('--answers <FILE>', '评审答案 JSON 文件（检查项编号 → 答案）')
    .option('--submit', '提交（默认只保存为草稿）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(
      async (
        unit: string,
        opts: { reviewer: string; allDone?: boolean; answers?: string; submit?: boolean; campaign?: string },
      ) => {
        if (!opts.allDone === !opts.answers)
          throw new CliFailure('invalid-input', '请给出 --all-done 或 --answers FILE 之一');
        const data = dataFlag();
        const campaign = await campaignOf(data, year(opts.campaign));
        let answers: unknown;
        if (opts.answers) {
          try {
            answers = JSON.parse(fs.readFileSync(opts.answers, 'utf8'));
          } catch {
            throw new CliFailure('invalid-input', `读不出评审答案文件：${opts.answers}（应为 JSON）`);
          }
        } else answers = allDone(campaign);
        const submissionId = await currentOf(data, campaign.year, unit);
        const reviewerId = await reviewerOf(data, opts.reviewer);
        const saved = await call<OpOutput<'reviews.save'>>(data, 'reviews.save', {
          submissionId,
          reviewerId,
          answers,
          status: opts.submit ? 'submitted' : 'draft',
        });
        emit(
          {
            unit,
            reviewer: opts.reviewer,
            submissionId,
            status: saved.status,
            total: saved.score.total,
            verdict: saved.score.verdict,
          },
          () =>
            out.print(
              `${opts.reviewer} 对“${unit}”的评审已${saved.status === 'submitted' ? '提交' : '保存为草稿'}：${saved.score.total} 分${saved.score.verdict ? `，${saved.score.verdict}` : ''}`,
            ),
        );
      },
    );
  review
    .command('return')
    .description('退回某位评审人对某集体的评审，写明原因（退回后不计入，直到重新提交）')
    .argument('<UNIT>', '集体名称')
    .requiredOption('--reviewer <NAME>', '评审人姓名')
    .requiredOption('--reason <TEXT>', '退回原因')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (unit: string, opts: { reviewer: string; reason: string; campaign?: string }) => {
      const data = dataFlag();
      const campaign = await campaignOf(data, year(opts.campaign));
      const submissionId = await currentOf(data, campaign.year, unit);
      const reviewerId = await reviewerOf(data, opts.reviewer);
      const review = await call<OpOutput<'reviews.return'>>(data, 'reviews.return', {
        submissionId,
        reviewerId,
        reason: opts.reason,
      });
      emit({ unit, reviewer: opts.reviewer, submissionId, status: review.status, reason: review.returnReason }, () =>
        out.print(`已退回 ${opts.reviewer} 对“${unit}”的评审：${opts.reason}`),
      );
    });
  review
    .command('results')
    .description('汇总与定级：每个集体的指派、已提交、均分、一致与否和定级（含需重新定级）')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { campaign?: string }) => {
      const results = await call<OpOutput<'reviews.results'>>(dataFlag(), 'reviews.results', {
        campaignYear: year(opts.campaign),
      });
      const rows = results.map((r) => ({
        unit: r.unitName,
        assigned: r.assigned,
        submitted: r.count,
        mean: r.mean,
        agreement: r.agreement,
        decision: r.decision
          ? {
              verdict: r.decision.verdict,
              score: r.decision.score,
              basis: r.decision.basis === 'override' ? '改判' : '均分',
              stale: r.decision.stale,
            }
          : null,
        materialChangedAfterReview: r.materialChanged,
      }));
      emit(rows, () => {
        for (const r of rows) {
          const decision = r.decision
            ? `${r.decision.verdict}（${r.decision.basis}）${r.decision.stale ? ' 需重新定级' : ''}`
            : '未定级';
          out.print(
            `${r.unit}\t已提交 ${r.submitted}/${r.assigned}\t均分 ${r.mean ?? '—'}\t${r.agreement}\t${decision}${r.materialChangedAfterReview ? '\t材料有更新' : ''}`,
          );
        }
      });
    });
  review
    .command('decide-agreed')
    .description('一键按均分定级：只为指派的评审全部提交且一致、尚未定级的材料定级')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--dry-run', '只报告会定级和跳过的数量，不写入')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { campaign?: string; dryRun?: boolean }) => {
      const r = await call<OpOutput<'reviews.decideAgreed'>>(dataFlag(), 'reviews.decideAgreed', {
        campaignYear: year(opts.campaign),
        dryRun: !!opts.dryRun,
      });
      const result = {
        decided: r.decided,
        byVerdict: r.byVerdict,
        skipped: {
          disputed: r.skipped.disputed,
          incomplete: r.skipped.incomplete,
          alreadyDecided: r.skipped.alreadyDecided,
        },
      };
      emit(result, () =>
        out.print(
          `${opts.dryRun ? '将' : '已'}定级 ${r.decided} 份；跳过：有分歧 ${r.skipped.disputed}，未评完 ${r.skipped.incomplete}，已定级 ${r.skipped.alreadyDecided}`,
        ),
      );
    });
}
