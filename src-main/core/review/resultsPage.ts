import { z } from 'zod';
import { campaignYear, id } from '../contract/schemas';
import type { Orm } from '../db/open';
import { aggregate, type SubmissionResult } from './aggregate';

export const resultsPageSchema = z.object({
  campaignYear,
  normalise: z.boolean().default(false),
  /** Only submissions marked 典型做法. */
  practiceOnly: z.boolean().default(false),
  /** Only submissions this reviewer has reviewed or is assigned. */
  reviewerId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

export interface ResultsPage {
  rows: SubmissionResult[];
  /** Rows matching the filters, on every page. */
  total: number;
  offset: number;
}

/**
 * One page of 汇总与定级. The campaign's results are computed once until the data changes
 * (aggregate's memo), so a page is a filter and a slice of them: the window receives 50 rows, not
 * 5,000, and a click through the pages costs no query.
 */
export function resultsPage(orm: Orm, campaignId: number, input: z.output<typeof resultsPageSchema>): ResultsPage {
  let rows = aggregate(orm, campaignId, { normalise: input.normalise });
  if (input.practiceOnly) rows = rows.filter((r) => r.practice);
  const reviewer = input.reviewerId;
  if (reviewer !== undefined)
    rows = rows.filter((r) => r.assignedIds.includes(reviewer) || r.reviews.some((rv) => rv.reviewerId === reviewer));
  // A page past the end (the last row of the last page was just filtered away) shows the last page instead of nothing.
  const offset =
    input.offset >= rows.length && rows.length
      ? Math.floor((rows.length - 1) / input.limit) * input.limit
      : input.offset;
  return { rows: rows.slice(offset, offset + input.limit), total: rows.length, offset };
}
