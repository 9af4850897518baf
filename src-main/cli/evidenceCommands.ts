import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { campaignOf, currentOf } from './reviewWorkCommands';
import { call, year, type Emit, type Output } from './run';

/** `desk review evidence`: the 评审助手's passages and counts for a unit's current material. */
export function registerReviewEvidence(
  program: Command,
  dataFlag: () => string | undefined,
  emit: Emit,
  out: Output,
): void {
  const review = program.commands.find((c) => c.name() === 'review')!;
  review
    .command('evidence')
    .description('评审助手：某集体当前材料的工作总结中，与每个检查项相关的段落和写到的次数（只作参考，不评分）')
    .argument('<UNIT>', '集体名称')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出')
    .action(async (unit: string, opts: { campaign?: string }) => {
      const data = dataFlag();
      const campaign = await campaignOf(data, year(opts.campaign));
      const submissionId = await currentOf(data, campaign.year, unit);
      const evidence = await call<OpOutput<'reviews.evidence'>>(data, 'reviews.evidence', { submissionId });
      const result = {
        readable: evidence.readable,
        items: evidence.items.map((i) => ({
          title: i.title,
          passages: i.passages.map((p) => ({ text: p.text, words: p.words })),
          // Core gives a count only for a count item (evidence/rank.ts).
          count: i.count,
          countText: i.countText,
        })),
      };
      emit(result, () => {
        if (!evidence.readable) out.print(`“${unit}”没有可读的工作总结`);
        for (const [n, item] of result.items.entries()) {
          out.print(`${n + 1}. ${item.title}${item.count ? `（总结中写到 ${item.count} 次）` : ''}`);
          if (evidence.readable && !item.passages.length) out.print('   总结中未找到相关内容');
          for (const p of item.passages) out.print(`   · ${p.text}`);
        }
      });
    });
}
