import { z } from 'zod';
import { DeskError } from '../contract/errors';

/**
 * The version of a review (or the time of a decision) the page's text was typed on: null when it
 * saw none yet. Left out, nothing is checked (the CLI and a merged result file say what they
 * replace in their own way); the review page and a reviewer's session always give it.
 */
export const basedOnSchema = z.number().int().min(0).nullable().optional();

/** Whether a write typed on `basedOn` would overwrite something newer it never saw. */
export function isStale(current: number | string | null, basedOn: number | string | null | undefined): boolean {
  return basedOn !== undefined && current !== basedOn;
}

/** The refusal, carrying the newer version so the page can show it beside what was typed. */
export function reviewConflict(current: unknown): DeskError {
  return new DeskError(
    'conflict',
    '这份评审已在别处改过（另一个窗口，或办公室退回了它），您刚才的修改没有覆盖它。请对照较新的版本，决定保留哪一份。',
    { current },
  );
}
