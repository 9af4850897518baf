import type { Campaign } from '../campaigns/model';
import { DeskError } from '../contract/errors';
import type { ReviewInput } from './reviews';
import { computeScore, type ScoreResult } from './scoring';

/**
 * What every review must satisfy however it arrives (the form's autosave, a reviewer's result
 * file): answers only to the campaign's items, bonus and deduction within the caps, complete
 * before it is submitted. Returns its score.
 */
export function validateReview(
  campaign: Campaign,
  input: Pick<ReviewInput, 'answers' | 'bonus' | 'deduction' | 'status'>,
): ScoreResult {
  const itemIds = new Set(campaign.items.map((i) => String(i.id)));
  const stray = Object.keys(input.answers).filter((id) => !itemIds.has(id));
  if (stray.length) throw new DeskError('invalid-input', '评审表与本年度检查清单不一致，请刷新后重试');
  if (input.bonus > campaign.rubric.bonusCap)
    throw new DeskError('invalid-input', `加分不能超过 ${campaign.rubric.bonusCap} 分`);
  if (input.deduction > campaign.rubric.deductionCap)
    throw new DeskError('invalid-input', `扣分不能超过 ${campaign.rubric.deductionCap} 分`);
  const score = computeScore(campaign.items, campaign.rubric, input.answers, input.bonus, input.deduction);
  if (input.status === 'submitted' && score.unanswered.length) {
    throw new DeskError(
      'review-incomplete',
      `还有 ${score.unanswered.length} 项未评，请评完后再提交（可先保存为草稿）`,
    );
  }
  return score;
}
