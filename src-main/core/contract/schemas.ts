import { z } from 'zod';
import { DATE_FORMS_HINT, isoDayOf, parseTypedDate } from '../../common/lenientDate';

/** Inputs that many operations share, so each domain spells them the same way. */
export const id = z.number().int().positive();
export const ids = z.array(id).min(1, '请至少选择一项').max(100_000);
export const none = z.object({}).strict().optional();
/** Which campaign: its year; omitted, the current one. */
export const campaignYear = z.number().int().optional();
export const inCampaign = z.object({ campaignYear }).default({});

/**
 * A calendar day as people type it (see common/lenientDate): answered as "2022-12-20", or refused
 * naming what was typed — never silently replaced by another day.
 */
export const typedDay = z.string().transform((typed, ctx) => {
  const date = parseTypedDate(typed);
  if (date) return isoDayOf(date);
  ctx.addIssue({ code: 'custom', message: `看不懂日期“${typed.slice(0, 40)}”，请写成 ${DATE_FORMS_HINT}` });
  return z.NEVER;
});
