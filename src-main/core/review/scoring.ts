import { z } from 'zod';
import { verdictFor, type Rubric } from '../campaigns/rubric';
import type { ChecklistItem } from '../campaigns/model';

/** One item's answer; which fields matter depends on the item's kind. */
export const answerSchema = z.object({
  done: z.boolean().optional(),
  count: z.number().int().min(0).max(10_000).optional(),
  score: z.number().min(0).max(1000).optional(),
  vetoed: z.boolean().optional(),
  note: z.string().max(2000).optional(),
});
type Answer = z.output<typeof answerSchema>;
export type Answers = Record<string, Answer>;

export interface ScoreResult {
  total: number;
  vetoed: boolean;
  verdict: string;
  itemScores: Record<number, number>;
  /** Plain Chinese notes a reviewer should see: counts below their minimum, vetoes. */
  flags: string[];
  /** Items still without an answer. */
  unanswered: number[];
}

function answered(item: ChecklistItem, a: Answer | undefined): boolean {
  if (!a) return false;
  if (item.kind === 'check') return a.done !== undefined;
  if (item.kind === 'count') return a.count !== undefined;
  if (item.kind === 'score') return a.score !== undefined;
  return a.vetoed !== undefined;
}

/**
 * The total is computed, never typed: done items earn their points, a count earns its points once
 * it reaches the minimum (and a share of them below it, flagged), a score is capped at the item's
 * points, a veto sets the total to 0 and the verdict to the lowest one.
 */
export function computeScore(
  items: ChecklistItem[],
  rubric: Rubric,
  answers: Answers,
  bonus: number,
  deduction: number,
): ScoreResult {
  const itemScores: Record<number, number> = {};
  const flags: string[] = [];
  let sum = 0;
  let vetoed = false;
  for (const item of items) {
    const a = answers[String(item.id)];
    let points = 0;
    if (item.kind === 'check') points = a?.done ? item.points : 0;
    else if (item.kind === 'count') {
      const count = a?.count ?? 0;
      const min = item.minCount ?? 1;
      points = count >= min ? item.points : Math.floor((item.points * count) / min);
      if (a?.count !== undefined && count < min) flags.push(`${item.title}：${count} 次，少于要求的 ${min} 次`);
    } else if (item.kind === 'score') points = Math.min(item.points, Math.max(0, a?.score ?? 0));
    else if (a?.vetoed) {
      vetoed = true;
      flags.push(`一票否决：${item.title}`);
    }
    itemScores[item.id] = points;
    sum += points;
  }
  const unanswered = items.filter((item) => !answered(item, answers[String(item.id)])).map((item) => item.id);
  const total = vetoed
    ? 0
    : Math.max(0, sum + Math.min(bonus, rubric.bonusCap) - Math.min(deduction, rubric.deductionCap));
  return {
    total,
    vetoed,
    verdict: vetoed ? rubric.verdicts.at(-1)!.label : verdictFor(rubric, total),
    itemScores,
    flags,
    unanswered,
  };
}
