import { desc, eq } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { attachments, intakeSources } from '../db/schema';

/** Every source given to intake for a campaign, newest first — rejected ones included, with why. */
export function intakeHistory(orm: Orm, campaignId: number) {
  return orm.select().from(intakeSources).where(eq(intakeSources.campaignId, campaignId)).orderBy(desc(intakeSources.id)).limit(2000).all();
}

export interface StoredFile {
  sha256: string;
  name: string;
  mime: string | null;
  kind: string;
  path: string;
}

/** What the file shells need to serve or open a stored file: its type and a name to show. */
export function fileInfo(ctx: CoreContext, sha256: string): StoredFile {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DeskError('not-found', '文件不存在');
  const row = ctx.db.orm.select({ name: attachments.name, mime: attachments.mime, kind: attachments.kind }).from(attachments).where(eq(attachments.sha256, sha256)).get();
  if (!row || !ctx.store.has(sha256)) throw new DeskError('not-found', '文件不存在');
  return { sha256, ...row, path: ctx.store.pathFor(sha256) };
}
