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
import { createSector, listSectors, mergeSectors, removeSector, renameSector, reorderSectors, sectorNameSchema, setSectorHidden } from './sectors';
import { countUnits, createUnit, getUnit, listUnits, removeUnits, restoreUnits, unitQuerySchema, updateUnit } from './units';

/** The roster: sectors and units, and the office's own sheet in and out. */
export const rosterOps = {
  'sectors.list': defineOp({ input: none, run: (_input, ctx) => listSectors(ctx.db.orm) }),
  'sectors.create': defineOp({ input: z.object({ name: sectorNameSchema }), changes: ['sectors'], run: ({ name }, ctx) => createSector(ctx.db.orm, name) }),
  'sectors.rename': defineOp({
    input: z.object({ id, name: sectorNameSchema }),
    changes: ['sectors'],
    run: (input, ctx) => (renameSector(ctx.db.orm, input.id, input.name), listSectors(ctx.db.orm)),
  }),
  'sectors.remove': defineOp({ input: z.object({ id }), changes: ['sectors'], run: (input, ctx) => (removeSector(ctx.db.orm, input.id), listSectors(ctx.db.orm)) }),
  'sectors.merge': defineOp({
    input: z.object({ fromId: id, intoId: id }),
    changes: ['sectors', 'units', 'reviews'],
    run: (input, ctx) => ({ ...mergeSectors(ctx.db.orm, input.fromId, input.intoId), sectors: listSectors(ctx.db.orm) }),
  }),
  'sectors.setHidden': defineOp({ input: z.object({ id, hidden: z.boolean() }), changes: ['sectors'], run: (input, ctx) => (setSectorHidden(ctx.db.orm, input.id, input.hidden), listSectors(ctx.db.orm)) }),
  'sectors.reorder': defineOp({ input: z.object({ ids }), changes: ['sectors'], run: (input, ctx) => (reorderSectors(ctx.db.orm, input.ids), listSectors(ctx.db.orm)) }),

  // The roster page asks for the whole list on every visit and search: kept until the data changes.
  'units.list': defineOp({ input: unitQuerySchema.default({}), run: (query, ctx) => memoUntilChange(ctx.db.orm, `units:${JSON.stringify(query)}`, () => listUnits(ctx.db.orm, query)) }),
  'units.count': defineOp({ input: none, run: (_input, ctx) => countUnits(ctx.db.orm) }),
  'units.get': defineOp({ input: z.object({ id }), run: (input, ctx) => getUnit(ctx.db.orm, input.id) }),
  'units.create': defineOp({ input: unitFieldsSchema, changes: ['units'], run: (fields, ctx) => createUnit(ctx.db.orm, fields) }),
  'units.update': defineOp({ input: z.object({ id, fields: unitFieldsSchema }), changes: ['units'], run: (input, ctx) => updateUnit(ctx.db.orm, input.id, input.fields) }),
  'units.remove': defineOp({ input: z.object({ ids }), changes: ['units'], longWrite: '删除集体', run: (input, ctx) => removeUnits(ctx.db.orm, input.ids) }),
  'units.restore': defineOp({ input: z.object({ ids }), changes: ['units'], longWrite: '恢复集体', run: (input, ctx) => restoreUnits(ctx.db.orm, input.ids) }),
  'units.importPreview': defineOp({ input: importInputSchema, heavy: true, run: (input, ctx) => previewImport(ctx, input) }),
  'units.importApply': defineOp({
    input: importInputSchema,
    changes: ['units', 'sectors'],
    longWrite: '名册导入',
    heavy: true,
    run: async (input, ctx, call) => {
      const result = await applyImport(ctx, input, call);
      releaseUploads(ctx.dataDir, [input.file]);
      return result;
    },
  }),
  'units.export': defineOp({
    input: z.object({ title: z.string().max(100).optional() }).default({}),
    heavy: true,
    run: async (input, ctx) => {
      const { fileName, bytes, count } = await exportRosterXlsx(ctx.db.orm, input.title);
      return { count, artifact: await makeArtifact(ctx.dataDir, fileName, (file) => writeFileSync(file, bytes)) };
    },
  }),
};
