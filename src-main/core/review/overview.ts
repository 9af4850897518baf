import type { SubmissionResult } from './aggregate';

/** What the rest of the app reads off the year's results: one final score, and how far review has come. */

/** The one final score of a submission: the office's decision where it gave one, else the reviewers' mean. */
export function finalScore(result: Pick<SubmissionResult, 'decision' | 'mean'>): number | null {
  return result.decision?.score ?? result.mean;
}

/** The 概览 figures for review: how far the year's submissions have come. */
export function reviewOverview(results: SubmissionResult[]) {
  return {
    submissions: results.length,
    /** 已评: every assigned review submitted. */
    reviewed: results.filter((r) => r.agreement !== '未评完').length,
    /** 部分已评: some reviews in, some still owed. */
    partlyReviewed: results.filter((r) => r.agreement === '未评完' && r.count > 0).length,
    disputed: results.filter((r) => r.disputed).length,
    decided: results.filter((r) => r.decision && !r.decision.stale).length,
    /** 需重新定级: decided on reviews or material that have changed since. */
    stale: results.filter((r) => r.decision?.stale).length,
  };
}
