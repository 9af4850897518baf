import { z } from 'zod';

/**
 * How a campaign's checklist becomes a score: the verdict scale (default 优秀 / 良好 / 合格 / 不合格,
 * thresholds the office sets), the caps on bonus and deduction points, and how far reviewers may
 * disagree before a submission is flagged 有分歧.
 */
export const rubricSchema = z.object({
  verdicts: z
    .array(z.object({ label: z.string().min(1).max(10), min: z.number().min(0).max(1000) }))
    .min(2, '至少需要两个等次')
    .max(8)
    .transform((list) => [...list].sort((a, b) => b.min - a.min)),
  bonusCap: z.number().int().min(0).max(100),
  deductionCap: z.number().int().min(0).max(100),
  disagreementSpread: z.number().min(0).max(100),
});
export type Rubric = z.output<typeof rubricSchema>;

export const DEFAULT_RUBRIC: Rubric = {
  verdicts: [
    { label: '优秀', min: 90 },
    { label: '良好', min: 75 },
    { label: '合格', min: 60 },
    { label: '不合格', min: 0 },
  ],
  bonusCap: 5,
  deductionCap: 10,
  disagreementSpread: 15,
};

export function rubricOf(stored: unknown): Rubric {
  const parsed = rubricSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_RUBRIC;
}

export function verdictFor(rubric: Rubric, total: number): string {
  return rubric.verdicts.find((v) => total >= v.min)?.label ?? rubric.verdicts.at(-1)!.label;
}
