import { z } from 'zod';
import type { Operation } from './contract/define';
import { defineOp } from './contract/define';
import { campaignFieldsSchema } from './campaigns/model';
import { copyCampaign, createCampaign, currentCampaign, getCampaign, listCampaigns, removeCampaign, setCurrentCampaign, updateCampaign } from './campaigns/campaigns';
import { unitFieldsSchema } from './roster/fields';
import { exportRosterXlsx } from './roster/export';
import { applyImport, importInputSchema, previewImport } from './roster/import';
import { createSector, listSectors, removeSector, renameSector, reorderSectors, sectorNameSchema } from './roster/sectors';
import { countUnits, createUnit, getUnit, listUnits, removeUnits, restoreUnits, unitQuerySchema, updateUnit } from './roster/units';

const id = z.number().int().positive();
const ids = z.array(id).min(1, '请至少选择一项').max(100_000);
const none = z.object({}).strict().optional();

/**
 * The single table of everything the app can do. Electron IPC, browser-mode HTTP and the CLI
 * bind this table and nothing else; the renderer's client is typed from it.
 */
export const operations = {
  'app.info': defineOp(none, (_input, ctx) => ({
    name: '组委会工作台',
    version: ctx.version,
    dataDir: ctx.dataDir,
    dbFile: ctx.dbFile,
    mode: ctx.mode,
  })),
  'app.overview': defineOp(none, (_input, ctx) => ({
    units: countUnits(ctx.db.orm),
    sectors: listSectors(ctx.db.orm),
    campaign: currentCampaign(ctx.db.orm),
  })),

  'sectors.list': defineOp(none, (_input, ctx) => listSectors(ctx.db.orm)),
  'sectors.create': defineOp(z.object({ name: sectorNameSchema }), ({ name }, ctx) => {
    const sector = createSector(ctx.db.orm, name);
    ctx.events.emit({ type: 'changed', topic: 'sectors' });
    return sector;
  }),
  'sectors.rename': defineOp(z.object({ id, name: sectorNameSchema }), (input, ctx) => {
    renameSector(ctx.db.orm, input.id, input.name);
    ctx.events.emit({ type: 'changed', topic: 'sectors' });
    return listSectors(ctx.db.orm);
  }),
  'sectors.remove': defineOp(z.object({ id }), (input, ctx) => {
    removeSector(ctx.db.orm, input.id);
    ctx.events.emit({ type: 'changed', topic: 'sectors' });
    return listSectors(ctx.db.orm);
  }),
  'sectors.reorder': defineOp(z.object({ ids }), (input, ctx) => {
    reorderSectors(ctx.db.orm, input.ids);
    ctx.events.emit({ type: 'changed', topic: 'sectors' });
    return listSectors(ctx.db.orm);
  }),

  'units.list': defineOp(unitQuerySchema.default({}), (query, ctx) => listUnits(ctx.db.orm, query)),
  'units.count': defineOp(none, (_input, ctx) => countUnits(ctx.db.orm)),
  'units.get': defineOp(z.object({ id }), (input, ctx) => getUnit(ctx.db.orm, input.id)),
  'units.create': defineOp(unitFieldsSchema, (fields, ctx) => {
    const unit = createUnit(ctx.db.orm, fields);
    ctx.events.emit({ type: 'changed', topic: 'units' });
    return unit;
  }),
  'units.update': defineOp(z.object({ id, fields: unitFieldsSchema }), (input, ctx) => {
    const unit = updateUnit(ctx.db.orm, input.id, input.fields);
    ctx.events.emit({ type: 'changed', topic: 'units' });
    return unit;
  }),
  'units.remove': defineOp(z.object({ ids }), (input, ctx) => {
    const result = removeUnits(ctx.db.orm, input.ids);
    ctx.events.emit({ type: 'changed', topic: 'units' });
    return result;
  }),
  'units.restore': defineOp(z.object({ ids }), (input, ctx) => {
    const result = restoreUnits(ctx.db.orm, input.ids);
    ctx.events.emit({ type: 'changed', topic: 'units' });
    return result;
  }),
  'units.importPreview': defineOp(importInputSchema, (input, ctx) => previewImport(ctx, input)),
  'units.importApply': defineOp(importInputSchema, (input, ctx) => applyImport(ctx, input)),
  'units.export': defineOp(z.object({ title: z.string().max(100).optional() }).default({}), async (input, ctx) => {
    const { fileName, bytes, count } = await exportRosterXlsx(ctx.db.orm, input.title);
    return { fileName, count, base64: bytes.toString('base64') };
  }),

  'campaigns.list': defineOp(none, (_input, ctx) => listCampaigns(ctx.db.orm)),
  'campaigns.get': defineOp(z.object({ id }), (input, ctx) => getCampaign(ctx.db.orm, input.id)),
  'campaigns.current': defineOp(none, (_input, ctx) => currentCampaign(ctx.db.orm)),
  'campaigns.create': defineOp(campaignFieldsSchema, (fields, ctx) => {
    const campaign = createCampaign(ctx.db.orm, fields);
    ctx.events.emit({ type: 'changed', topic: 'campaigns' });
    return campaign;
  }),
  'campaigns.update': defineOp(z.object({ id, fields: campaignFieldsSchema }), (input, ctx) => {
    const campaign = updateCampaign(ctx.db.orm, input.id, input.fields);
    ctx.events.emit({ type: 'changed', topic: 'campaigns' });
    return campaign;
  }),
  'campaigns.copy': defineOp(z.object({ fromId: id, year: z.number().int().min(2000).max(2100).optional() }), (input, ctx) => {
    const campaign = copyCampaign(ctx.db.orm, input.fromId, input.year);
    ctx.events.emit({ type: 'changed', topic: 'campaigns' });
    return campaign;
  }),
  'campaigns.setCurrent': defineOp(z.object({ id }), (input, ctx) => {
    const campaign = setCurrentCampaign(ctx.db.orm, input.id);
    ctx.events.emit({ type: 'changed', topic: 'campaigns' });
    return campaign;
  }),
  'campaigns.remove': defineOp(z.object({ id }), (input, ctx) => {
    removeCampaign(ctx.db.orm, input.id);
    ctx.events.emit({ type: 'changed', topic: 'campaigns' });
    return { removed: input.id };
  }),
} satisfies Record<string, Operation<z.ZodType, unknown>>;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<N extends OpName> = z.input<Operations[N]['input']>;
export type OpOutput<N extends OpName> = Awaited<ReturnType<Operations[N]['handler']>>;

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}
