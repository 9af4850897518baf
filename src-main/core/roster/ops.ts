import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { memoUntilChange } from '../db/memo';
import { defineOp } from '../contract/define';
import { makeArtifact } from '../transfer/artifacts';
import { releaseUploads } from '../transfer/refs';
import { id, ids, none } from '../contract/schemas';
import { unitFieldsSchema } from './fields';
import { exportRosterXlsx } from './export';
import { applyImport, importInputSchema, previewImport } from './import';
import {
  createSector,
  listSectors,
  mergeSectors,
  removeSector,
  renameSector,
  reorderSectors,
  sectorNameSchema,
  setSectorHidden,
} from './sectors';
import {
  countUnits,
  createUnit,
  getUnit,
  listUnits,
  removeUnits,
  restoreUnits,
  unitQuerySchema,
  updateUnit,
} from './units';
import { someNames, unitName } from '../audit/subjects';

/** The roster: sectors and units, and the office's own sheet in and out. */
export const rosterOps = {
  'sectors.list': defineOp({ callers: 'office', input: none, run: (_input, ctx) => listSectors(ctx.db.orm) }),
  'sectors.create': defineOp({
    callers: 'office',
    input: z.object({ name: sectorNameSchema }),
    changes: ['sectors'],
    run: ({ name }, ctx) => createSector(ctx.db.orm, name),
    audit: (input) => ({ action: 'roster', summary: `新建系统「${input.name}」` }),
  }),
  'sectors.rename': defineOp({
    callers: 'office',
    input: z.object({ id, name: sectorNameSchema }),
    changes: ['sectors'],
    run: (input, ctx) => (renameSector(ctx.db.orm, input.id, input.name), listSectors(ctx.db.orm)),
    audit: (input) => ({ action: 'roster', summary: `系统改名为「${input.name}」` }),
  }),
  'sectors.remove': defineOp({
    callers: 'office',
    input: z.object({ id }),
    changes: ['sectors'],
    run: (input, ctx) => {
      const removed = listSectors(ctx.db.orm).find((s) => s.id === input.id)?.name ?? `#${input.id}`;
      removeSector(ctx.db.orm, input.id);
      return { removed, sectors: listSectors(ctx.db.orm) };
    },
    audit: (_input, out) => ({ action: 'deletion', summary: `删除系统「${out.removed}」` }),
  }),
  'sectors.merge': defineOp({
    callers: 'office',
    input: z.object({ fromId: id, intoId: id }),
    changes: ['sectors', 'units', 'reviews'],
    run: (input, ctx) => ({
      ...mergeSectors(ctx.db.orm, input.fromId, input.intoId),
      sectors: listSectors(ctx.db.orm),
    }),
    audit: (input, out) => ({
      action: 'roster',
      summary: `把一个系统合并到「${out.sectors.find((s) => s.id === input.intoId)?.name ?? input.intoId}」，移动 ${out.moved} 个集体`,
    }),
  }),
  'sectors.setHidden': defineOp({
    callers: 'office',
    input: z.object({ id, hidden: z.boolean() }),
    changes: ['sectors'],
    run: (input, ctx) => (setSectorHidden(ctx.db.orm, input.id, input.hidden), listSectors(ctx.db.orm)),
    audit: (input, out) => ({
      action: 'roster',
      summary: `${input.hidden ? '隐藏' : '不再隐藏'}系统「${out.find((s) => s.id === input.id)?.name ?? input.id}」`,
    }),
  }),
  'sectors.reorder': defineOp({
    callers: 'office',
    input: z.object({ ids }),
    changes: ['sectors'],
    run: (input, ctx) => (reorderSectors(ctx.db.orm, input.ids), listSectors(ctx.db.orm)),
  }),

  // The roster page asks for the whole list on every visit and search: kept until the data changes.
  'units.list': defineOp({
    callers: 'office',
    input: unitQuerySchema.default({}),
    run: (query, ctx) =>
      memoUntilChange(ctx.db.orm, `units:${JSON.stringify(query)}`, () => listUnits(ctx.db.orm, query), {
        typed: true,
      }),
  }),
  'units.count': defineOp({ callers: 'office', input: none, run: (_input, ctx) => countUnits(ctx.db.orm) }),
  'units.get': defineOp({
    callers: 'office',
    input: z.object({ id }),
    run: (input, ctx) => getUnit(ctx.db.orm, input.id),
  }),
  'units.create': defineOp({
    callers: 'office',
    input: unitFieldsSchema,
    changes: ['units'],
    run: (fields, ctx) => createUnit(ctx.db.orm, fields),
    audit: (_input, out) => ({ action: 'roster', unitId: out.id, summary: `新建集体「${out.name}」` }),
  }),
  'units.update': defineOp({
    callers: 'office',
    input: z.object({ id, fields: unitFieldsSchema }),
    changes: ['units'],
    run: (input, ctx) => updateUnit(ctx.db.orm, input.id, input.fields),
    audit: (_input, out) => ({ action: 'roster', unitId: out.id, summary: `修改集体「${out.name}」的信息` }),
  }),
  'units.remove': defineOp({
    callers: 'office',
    input: z.object({ ids }),
    changes: ['units'],
    longWrite: '删除集体',
    run: (input, ctx) => removeUnits(ctx.db.orm, input.ids),
    audit: (_input, out, ctx) => ({
      action: 'deletion',
      unitId: out.removed.length === 1 ? out.removed[0] : null,
      summary: `从名册删除 ${someNames(out.removed.map((id) => unitName(ctx.db.orm, id)))}`,
    }),
  }),
  'units.restore': defineOp({
    callers: 'office',
    input: z.object({ ids }),
    changes: ['units'],
    longWrite: '恢复集体',
    run: (input, ctx) => restoreUnits(ctx.db.orm, input.ids),
    audit: (_input, out, ctx) => ({
      action: 'roster',
      unitId: out.restored.length === 1 ? out.restored[0] : null,
      summary: `恢复集体 ${someNames(out.restored.map((id) => unitName(ctx.db.orm, id)))}`,
    }),
  }),
  'units.importPreview': defineOp({
    callers: 'office',
    input: importInputSchema,
    heavy: true,
    run: (input, ctx) => previewImport(ctx, input),
  }),
  'units.importApply': defineOp({
    callers: 'office',
    input: importInputSchema,
    changes: ['units', 'sectors'],
    longWrite: '名册导入',
    heavy: true,
    run: async (input, ctx, call) => {
      const result = await applyImport(ctx, input, call);
      releaseUploads(ctx.dataDir, [input.file]);
      return result;
    },
    audit: (_input, out) =>
      out.noChange
        ? null
        : {
            action: 'roster',
            summary: `导入名册：新增 ${out.created}，更新 ${out.updated}，未变 ${out.unchanged}${out.bad.length ? `，有误未导入 ${out.bad.length} 行` : ''}`,
          },
  }),
  'units.export': defineOp({
    callers: 'office',
    input: z.object({ title: z.string().max(100).optional() }).default({}),
    heavy: true,
    run: async (input, ctx) => {
      const { fileName, bytes, count } = await exportRosterXlsx(ctx.db.orm, input.title);
      return { count, artifact: await makeArtifact(ctx.dataDir, fileName, (file) => writeFileSync(file, bytes)) };
    },
  }),
};
