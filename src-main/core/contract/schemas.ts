import { z } from 'zod';

/** Inputs that many operations share, so each domain spells them the same way. */
export const id = z.number().int().positive();
export const ids = z.array(id).min(1, '请至少选择一项').max(100_000);
export const none = z.object({}).strict().optional();
/** Which campaign: its year; omitted, the current one. */
export const campaignYear = z.number().int().optional();
export const inCampaign = z.object({ campaignYear }).default({});
