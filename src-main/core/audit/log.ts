import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AUDIT_ACTION_CODES, type AuditAction, type AuditVia } from '../../common/auditActions';
import type { CoreContext } from '../app/context';
import type { Caller } from '../contract/define';
import type { Orm } from '../db/open';
import { auditLog } from '../db/records';
import { readSetting, writeSetting } from '../db/settings';

/** What an operation says about itself once it has succeeded (see Operation.audit). */
export interface AuditNote {
  action: AuditAction;
  summary: string;
  campaignYear?: number | null;
  unitId?: number | null;
  /** The work was a reviewer's (their scores), or the app's own (an automatic backup), not the office user's. */
  actor?: { name: string; kind: 'reviewer' | 'system' };
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

function viaOf(ctx: CoreContext, caller: Caller): AuditVia {
  if (caller === 'web') return 'browser';
  return ctx.mode;
}

/** One entry, after the change it tells of has committed. */
export function recordAudit(ctx: CoreContext, operation: string, caller: Caller, note: AuditNote): void {
  ctx.db.orm
    .insert(auditLog)
    .values({
      at: new Date().toISOString(),
      actor: note.actor?.name ?? officeUser(ctx.db.orm) ?? UNNAMED_USER,
      actorKind: note.actor?.kind ?? 'office',
      action: note.action,
      summary: note.summary,
      operation,
      via: viaOf(ctx, caller),
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
