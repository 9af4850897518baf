import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AUDIT_ACTION_CODES, type AuditAction } from '../../common/auditActions';
import type { CoreContext } from '../app/context';
import type { Principal } from '../../common/principal';
import type { Orm } from '../db/open';
import { auditLog } from '../db/records';
import { readSetting, writeSetting } from '../db/settings';
import { reviewerName } from './subjects';

type ActorKind = 'office' | 'reviewer' | 'system';

/** What an operation says about itself once it has succeeded (see Operation.audit). */
export interface AuditNote {
  action: AuditAction;
  summary: string;
  campaignYear?: number | null;
  unitId?: number | null;
  /** The work was a reviewer's (their scores), or the app's own (an automatic backup), not the office user's. */
  actor?: { name: string; kind: Exclude<ActorKind, 'office'> };
}

const USER_KEY = 'office.user';
/** Before 设置 has a name: the entries still say it was the office, and that no one signed. */
export const UNNAMED_USER = '办公室（未设置姓名）';

export const officeUserSchema = z.object({
  name: z.string().trim().min(1, '请填写使用人的姓名').max(30, '姓名最多 30 个字'),
});

export function officeUser(orm: Orm): string | null {
  const value = readSetting(orm, USER_KEY);
  return typeof value === 'string' && value ? value : null;
}

export function setOfficeUser(orm: Orm, name: string): string {
  writeSetting(orm, USER_KEY, name);
  return name;
}

/**
 * Who the entry names: a reviewer's own session is that reviewer, whatever the note says; the office's call is the
 * note's actor where the work was someone else's (scores entered for a reviewer, the app's own backup), else the office
 * user named in 设置.
 */
function actorOf(ctx: CoreContext, principal: Principal, note: AuditNote): { name: string; kind: ActorKind } {
  if (principal.kind === 'reviewer') return { name: reviewerName(ctx.db.orm, principal.reviewerId), kind: 'reviewer' };
  return note.actor ?? { name: officeUser(ctx.db.orm) ?? UNNAMED_USER, kind: 'office' };
}

/** One entry, after the change it tells of has committed. */
export function recordAudit(ctx: CoreContext, operation: string, principal: Principal, note: AuditNote): void {
  const actor = actorOf(ctx, principal, note);
  ctx.db.orm
    .insert(auditLog)
    .values({
      at: new Date().toISOString(),
      actor: actor.name,
      actorKind: actor.kind,
      action: note.action,
      summary: note.summary,
      operation,
      via: principal.via,
      campaignYear: note.campaignYear ?? null,
      unitId: note.unitId ?? null,
    })
    .run();
}

export const auditQuerySchema = z
  .object({
    since: z.iso.datetime().optional(),
    until: z.iso.datetime().optional(),
    actions: z.array(z.enum(AUDIT_ACTION_CODES)).max(AUDIT_ACTION_CODES.length).optional(),
    actor: z.string().trim().max(30).optional(),
    /** Words in the sentence (a unit's name, a file). */
    text: z.string().trim().max(100).optional(),
    unitId: z.number().int().positive().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100_000).default(200),
  })
  .default({ offset: 0, limit: 200 });
export type AuditQuery = z.output<typeof auditQuerySchema>;

function likeEscaped(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereOf(query: AuditQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    query.since ? gte(auditLog.at, new Date(query.since).toISOString()) : undefined,
    query.until ? lt(auditLog.at, new Date(query.until).toISOString()) : undefined,
    query.actions?.length ? or(...query.actions.map((a) => eq(auditLog.action, a))) : undefined,
    query.actor ? eq(auditLog.actor, query.actor) : undefined,
    query.text ? sqlLike(query.text) : undefined,
    query.unitId ? eq(auditLog.unitId, query.unitId) : undefined,
  ];
  return and(...parts.filter((p): p is SQL => p !== undefined));
}

function sqlLike(text: string): SQL {
  return sql`${auditLog.summary} LIKE ${likeEscaped(text)} ESCAPE '\\'`;
}

/** Newest first, a page at a time, with the total the filter selects and the names to filter by. */
export function listAudit(orm: Orm, query: AuditQuery) {
  const where = whereOf(query);
  const rows = orm
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit)
    .offset(query.offset)
    .all();
  const total = orm.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const actors = orm
    .selectDistinct({ actor: auditLog.actor })
    .from(auditLog)
    .orderBy(auditLog.actor)
    .all()
    .map((r) => r.actor);
  return { rows, total, actors };
}
