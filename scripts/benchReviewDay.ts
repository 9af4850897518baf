/**
 * 集中评审 under load (#28): ten reviewers on 127.0.0.2 saving every 600 ms and reading their next
 * submission, with the office's 概览 open and an intake running, against one reviewer alone — the
 * same calls to the same built server. Targets: a save's p99 < 100 ms, a read's < 150 ms, each ≤ 3×
 * the one-reviewer figure; and nothing lost or overwritten.
 */
import { reviewDayLoad } from '../tests/support/reviewDayLoad';

export async function benchReviewDay(): Promise<{ line: string[]; ok: boolean }> {
  // As long as the busy run, so the baseline's p99 rests on as many reads as it can.
  const alone = await reviewDayLoad({ reviewers: 1, seconds: 60, intake: false });
  const busy = await reviewDayLoad({ reviewers: 10, seconds: 60, intake: true });
  const ratio = (a: number, b: number) => a / Math.max(b, 1);
  const saveRatio = ratio(busy.saveP99Ms, alone.saveP99Ms);
  const readRatio = ratio(busy.readP99Ms, alone.readP99Ms);
  const ok =
    busy.saveP99Ms < 100 &&
    busy.readP99Ms < 150 &&
    saveRatio <= 3 &&
    readRatio <= 3 &&
    busy.lost + busy.overwritten + busy.conflicts + busy.failures === 0;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return {
    ok,
    line: [
      `集中评审：10 位评审人每 600 ms 自动保存并读下一份，同时办公室收件（${busy.imported} 个压缩包）、概览打开：`,
      `  保存 p99 ${ms(busy.saveP99Ms)}（单人 ${ms(alone.saveP99Ms)}，${saveRatio.toFixed(1)}×；目标 < 100 ms、≤ 3×），读取 p99 ${ms(busy.readP99Ms)}（单人 ${ms(alone.readP99Ms)}，${readRatio.toFixed(1)}×；目标 < 150 ms、≤ 3×）`,
      `  保存 ${busy.saves} 次：丢失 ${busy.lost}，被覆盖 ${busy.overwritten}，冲突 ${busy.conflicts}，失败 ${busy.failures} ${ok ? '达标' : '未达标'}`,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchReviewDay();
  for (const line of result.line) console.log(line);
}
