import { z } from 'zod';
import type { Orm } from '../db/open';
import { readSetting, writeSetting } from '../db/settings';

/**
 * How the review keyboard behaves on this data folder (a reviewer's laptop, or the office PC).
 * Kept in the database, not the page's storage: browser mode's address changes every start.
 */
export const reviewPreferencesSchema = z.object({
  /** Y / N on a 已开展 item also moves to the next item. */
  advanceOnAnswer: z.boolean().default(true),
});
export type ReviewPreferences = z.output<typeof reviewPreferencesSchema>;

const KEY = 'reviewPreferences';

export function readReviewPreferences(orm: Orm): ReviewPreferences {
  const parsed = reviewPreferencesSchema.safeParse(readSetting(orm, KEY) ?? {});
  return parsed.success ? parsed.data : reviewPreferencesSchema.parse({});
}

export function writeReviewPreferences(orm: Orm, preferences: ReviewPreferences): ReviewPreferences {
  writeSetting(orm, KEY, preferences);
  return preferences;
}
