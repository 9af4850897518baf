import { asc, desc, eq, sql } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { campaigns, checklistItems, settings, submissions } from '../db/schema';
import {
  campaignFieldsSchema,
  deadlineEndsAt,
  type Campaign,
  type CampaignFields,
  type ChecklistItem,
  type Contact,
  type ItemKind,
  type Materials,
} from './model';
import { rubricOf } from './rubric';
import { CAMPAIGN_2022 } from './seed2022';
import { wordsFor } from '../evidence/vocabulary';

const SEED_KEY = 'seed.campaign2022';

function itemsOf(orm: Executor, campaignId: number): ChecklistItem[] {
  return orm
    .select()
    .from(checklistItems)
    .where(eq(checklistItems.campaignId, campaignId))
    .orderBy(asc(checklistItems.position))
    .all()
    .map((row) => ({
      id: row.id,
      position: row.position,
      section: row.section,
      title: row.title,
      guidance: row.guidance,
      points: row.points,
      kind: row.kind as ItemKind,
      minCount: row.minCount,
      evidenceWords: row.evidenceWords,
    }));
}

function toCampaign(orm: Executor, row: typeof campaigns.$inferSelect): Campaign {
  const items = itemsOf(orm, row.id);
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    theme: row.theme,
    issuer: row.issuer,
    issuedOn: row.issuedOn,
    deadline: row.deadline,
    deadlineEndsAt: deadlineEndsAt(row.deadline),
    materials: row.materials as Materials,
    contact: row.contact as Contact,
    rubric: rubricOf(row.rubric),
    isCurrent: row.isCurrent,
    copiedFromId: row.copiedFromId,
    items,
    totalPoints: items.reduce((sum, item) => sum + item.points, 0),
    updatedAt: row.updatedAt,
  };
}

export function listCampaigns(orm: Orm): Campaign[] {
  return orm
    .select()
    .from(campaigns)
    .orderBy(desc(campaigns.year), desc(campaigns.id))
    .all()
    .map((row) => toCampaign(orm, row));
}

export function getCampaign(orm: Executor, id: number): Campaign {
  const row = orm.select().from(campaigns).where(eq(campaigns.id, id)).get();
  if (!row) throw new DeskError('not-found', '该年度工作不存在或已被删除');
  return toCampaign(orm, row);
}

export function currentCampaign(orm: Orm): Campaign | null {
  const row = orm.select().from(campaigns).where(eq(campaigns.isCurrent, true)).get();
  return row ? toCampaign(orm, row) : null;
}

/**
 * Replaces a campaign's checklist with the edited list, in its order. Items that keep their id
 * keep their row, so reviews that later point at an item survive an edit of its wording.
 */
function writeItems(tx: Executor, campaignId: number, items: CampaignFields['items']): void {
  const existing = new Set(itemsOf(tx, campaignId).map((i) => i.id));
  const kept = new Set<number>();
  items.forEach((item, position) => {
    const values = {
      campaignId,
      position,
      section: item.section,
      title: item.title,
      guidance: item.guidance,
      points: item.points,
      kind: item.kind,
      minCount: item.kind === 'count' ? item.minCount : null,
      evidenceWords: wordsFor(item),
    };
    if (item.id !== undefined && existing.has(item.id)) {
      tx.update(checklistItems).set(values).where(eq(checklistItems.id, item.id)).run();
      kept.add(item.id);
    } else {
      tx.insert(checklistItems).values(values).run();
    }
  });
  for (const id of existing) if (!kept.has(id)) tx.delete(checklistItems).where(eq(checklistItems.id, id)).run();
}

function columns(fields: CampaignFields) {
  const { items: _items, ...rest } = fields;
  return rest;
}

export function createCampaign(
  orm: Executor,
  fields: CampaignFields,
  options: { copiedFromId?: number; makeCurrent?: boolean } = {},
): Campaign {
  assertYearFree(orm, fields.year);
  const id = orm.transaction((tx) => {
    if (options.makeCurrent) tx.update(campaigns).set({ isCurrent: false }).run();
    const row = tx
      .insert(campaigns)
      .values({ ...columns(fields), isCurrent: !!options.makeCurrent, copiedFromId: options.copiedFromId ?? null })
      .returning({ id: campaigns.id })
      .get();
    writeItems(
      tx,
      row.id,
      fields.items.map(({ id: _id, ...item }) => item),
    );
    return row.id;
  });
  return getCampaign(orm, id);
}

function assertYearFree(orm: Executor, year: number, exceptId?: number): void {
  const clash = orm.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.year, year)).get();
  if (clash && clash.id !== exceptId)
    throw new DeskError('duplicate-year', `已有 ${year} 年度的年度工作，每个年度只能有一个`);
}

export function updateCampaign(orm: Orm, id: number, fields: CampaignFields): Campaign {
  getCampaign(orm, id);
  assertYearFree(orm, fields.year, id);
  orm.transaction((tx) => {
    tx.update(campaigns)
      .set({ ...columns(fields), updatedAt: new Date().toISOString() })
      .where(eq(campaigns.id, id))
      .run();
    writeItems(tx, id, fields.items);
  });
  return getCampaign(orm, id);
}

function shiftYear(text: string, from: number, to: number): string {
  return text.split(String(from)).join(String(to));
}

/** Next year's campaign starts as a copy: same checklist and materials, year moved on in title and dates. */
export function copyCampaign(orm: Orm, fromId: number, year?: number): Campaign {
  const source = getCampaign(orm, fromId);
  const target = year ?? Math.max(...listCampaigns(orm).map((c) => c.year)) + 1;
  assertYearFree(orm, target);
  const delta = target - source.year;
  const moveDate = (date: string | null) => (date ? `${Number(date.slice(0, 4)) + delta}${date.slice(4)}` : null);
  const fields = campaignFieldsSchema.parse({
    year: target,
    title: shiftYear(source.title, source.year, target),
    theme: source.theme,
    issuer: source.issuer,
    issuedOn: moveDate(source.issuedOn),
    deadline: moveDate(source.deadline),
    materials: source.materials,
    contact: source.contact,
    rubric: source.rubric,
    items: source.items.map(({ id: _id, position: _p, ...item }) => item),
  });
  return createCampaign(orm, fields, { copiedFromId: source.id });
}

export function setCurrentCampaign(orm: Orm, id: number): Campaign {
  getCampaign(orm, id);
  orm.transaction((tx) => {
    tx.update(campaigns).set({ isCurrent: false }).run();
    tx.update(campaigns).set({ isCurrent: true }).where(eq(campaigns.id, id)).run();
  });
  return getCampaign(orm, id);
}

export function removeCampaign(orm: Orm, id: number): void {
  const campaign = getCampaign(orm, id);
  if (campaign.isCurrent)
    throw new DeskError('campaign-current', '不能删除当前年度工作。请先把另一个年度设为当前，再删除它。');
  // Its submissions, reviews and honors hang on it: a year's record is never lost to one click.
  const received =
    orm
      .select({ n: sql<number>`count(*)` })
      .from(submissions)
      .where(eq(submissions.campaignId, id))
      .get()?.n ?? 0;
  if (received > 0)
    throw new DeskError(
      'campaign-has-submissions',
      `${campaign.year}年度已收到 ${received} 份材料（连同评审与表彰记录），不能删除：这一年的收件、评审与表彰记录都在其中。只想换一个年度工作时，把它设为当前即可。`,
    );
  orm.delete(campaigns).where(eq(campaigns.id, id)).run();
}

/** The 2022 notice arrives once per data folder; deleting it later does not bring it back. */
export function seedCampaigns(orm: Orm): void {
  if (orm.select().from(settings).where(eq(settings.key, SEED_KEY)).get()) return;
  const count =
    orm
      .select({ n: sql<number>`count(*)` })
      .from(campaigns)
      .get()?.n ?? 0;
  if (count === 0) createCampaign(orm, campaignFieldsSchema.parse(CAMPAIGN_2022), { makeCurrent: true });
  orm.insert(settings).values({ key: SEED_KEY, value: true }).run();
}

/** The campaign a command means: the given year, or the current one. */
export function resolveCampaign(orm: Orm, year?: number): Campaign {
  if (year !== undefined) {
    const row = orm.select().from(campaigns).where(eq(campaigns.year, year)).get();
    if (!row) throw new DeskError('no-campaign', `没有 ${year} 年度的年度工作，请先在“年度工作”中创建。`);
    return toCampaign(orm, row);
  }
  const current = currentCampaign(orm);
  if (!current) throw new DeskError('no-campaign', '还没有当前年度工作，请先在“年度工作”中设置。');
  return current;
}
