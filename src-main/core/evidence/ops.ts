import { z } from 'zod';
import { defineOp } from '../contract/define';
import { id } from '../contract/schemas';
import { submissionEvidence } from './submission';

/** The 评审助手: read-only, for whoever may read the submission (a reviewer, only in their queue). */
export const evidenceOps = {
  'reviews.evidence': defineOp({
    callers: 'reviewers-too',
    reviewer: { submission: (input) => input.submissionId },
    input: z.object({ submissionId: id }),
    heavy: true,
    run: (input, ctx) => submissionEvidence(ctx, input.submissionId),
  }),
};
