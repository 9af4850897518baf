import type { Campaign } from '../campaigns/model';

interface StoredReview {
  answers: unknown;
  bonus: number;
  deduction: number;
  total: number;
}

const COUNT_MAX = 10_000;
const whole = (v: unknown, max: number): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;

/**
 * What a stored review's own inputs hold that its campaign's rubric never allows — values edited in
 * desk.sqlite behind the app. Nothing can be derived from them: 数据检查 reports them as 数据异常
 * and never recomputes a total from them.
 */
export function inputProblems(review: StoredReview, campaign: Campaign): string[] {
  const { bonusCap, deductionCap } = campaign.rubric;
  const problems: string[] = [];
  if (!whole(review.bonus, bonusCap)) problems.push(`加分 ${review.bonus}（应为 0–${bonusCap}）`);
  if (!whole(review.deduction, deductionCap)) problems.push(`扣分 ${review.deduction}（应为 0–${deductionCap}）`);
  if (!review.answers || typeof review.answers !== 'object' || Array.isArray(review.answers)) {
    problems.push('检查项答案无法读取');
    return problems;
  }
  const items = new Map(campaign.items.map((item) => [String(item.id), item]));
  for (const [id, answer] of Object.entries(review.answers as Record<string, Record<string, unknown>>)) {
    const item = items.get(id);
    if (!item || !answer || typeof answer !== 'object') continue;
    if (answer.count !== undefined && !whole(answer.count, COUNT_MAX))
      problems.push(`“${item.title}”次数 ${String(answer.count)}`);
    if (
      answer.score !== undefined &&
      !(typeof answer.score === 'number' && answer.score >= 0 && answer.score <= item.points)
    )
      problems.push(`“${item.title}”得分 ${String(answer.score)}（应为 0–${item.points}）`);
  }
  return problems;
}

/** Whether a stored total is one the rubric can give at all (0 to the checklist's points plus the bonus cap). */
export function totalInRange(total: number, campaign: Campaign): boolean {
  return Number.isFinite(total) && total >= 0 && total <= campaign.totalPoints + campaign.rubric.bonusCap;
}
