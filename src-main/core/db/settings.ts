import { eq } from 'drizzle-orm';
import type { Orm } from './open';
import { settings } from './schema';

/** One JSON value of the settings table (this data folder's choices and small records), or null. */
export function readSetting(orm: Orm, key: string): unknown {
  return orm.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
}

export function writeSetting(orm: Orm, key: string, value: unknown): void {
  orm.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}
