import fs from 'node:fs';
import { z } from 'zod';
import type { Job } from '../../contract/define';
import { fileRefSchema, refFile } from '../../transfer/refs';
import { DeskError } from '../../contract/errors';
import { id } from '../../contract/schemas';
import type { CoreContext } from '../../app/context';
import { planImport, parseRecords, type BadRow } from './analyze';
import { applyPlan } from './apply';
import {
  autoMapping,
  detectHeaderRow,
  FIELD_LABELS,
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
} from './mapping';
import { readSheet } from './readSheet';

/**
 * A roster sheet is read whole into memory; beyond this it is not a roster (5,000 units with every column is ~2 MB).
 */
const MAX_SHEET_BYTES = 20 * 1024 ** 2;

const mappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).nullable());

export const importInputSchema = z.object({
  file: fileRefSchema,
  sheetIndex: z.number().int().min(0).default(0),
  /** Set when the user corrected the mapping in the preview; omitted = map by header words. */
  mapping: mappingSchema.optional(),
  headerRow: z.number().int().min(0).optional(),
  /**
   * The preview's answers for sector names matched by core name (or to be kept new): name → sector id, or null for new.
   */
  sectorChoices: z.record(z.string().max(100), id.nullable()).optional(),
});
export type ImportInput = z.output<typeof importInputSchema>;

interface ImportColumn {
  index: number;
  header: string;
  field: ImportField | null;
  samples: string[];
}

const SAMPLE_LIMIT = 200;

function sheetBytes(ctx: CoreContext, input: ImportInput): { name: string; bytes: Buffer } {
  const { file, name } = refFile(ctx.dataDir, input.file);
  const size = fs.statSync(file).size;
  if (size === 0) throw new DeskError('empty-sheet', '文件内容为空');
  if (size > MAX_SHEET_BYTES)
    throw new DeskError('too-large', '文件过大（名册表格上限 20 MB）。请检查是否选错了文件。');
  return { name, bytes: fs.readFileSync(file) };
}

async function prepare(ctx: CoreContext, input: ImportInput) {
  const { name, bytes } = sheetBytes(ctx, input);
  const grid = await readSheet(name, bytes, input.sheetIndex);
  const headerRow = input.headerRow ?? detectHeaderRow(grid.rows);
  if (headerRow >= grid.rows.length) throw new DeskError('invalid-input', '表头行超出了表格范围');
  const headers = grid.rows[headerRow]!;
  const mapping: ColumnMapping = input.mapping ?? autoMapping(headers);
  if (mapping.name === undefined || mapping.name === null) {
    throw new DeskError(
      'no-name-column',
      '没有找到“集体名称”列。请在预览中指定哪一列是集体名称（表头可以是 集体名称 / 单位名称 / 名称）。',
      {
        headers,
        headerRow,
        sheetNames: grid.sheetNames,
      },
    );
  }
  const { records, bad } = parseRecords(grid.rows, grid.rowNumbers, headerRow, mapping);
  const plan = planImport(ctx.db.orm, records, bad, input.sectorChoices ?? {});
  return { grid, headerRow, headers, mapping, plan };
}

export async function previewImport(ctx: CoreContext, input: ImportInput) {
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(ctx, input);
  } catch (error) {
    // Without a name column there is no plan, but the user still needs the columns to fix the mapping.
    if (error instanceof DeskError && error.code === 'no-name-column') {
      const { name, bytes } = sheetBytes(ctx, input);
      const grid = await readSheet(name, bytes, input.sheetIndex);
      const headerRow = input.headerRow ?? detectHeaderRow(grid.rows);
      return {
        ...describeGrid(grid, headerRow, input.mapping ?? autoMapping(grid.rows[headerRow] ?? [])),
        plan: null,
        problem: error.message,
      };
    }
    throw error;
  }
  const { grid, headerRow, mapping, plan } = prepared;
  return {
    ...describeGrid(grid, headerRow, mapping),
    problem: null,
    plan: {
      counts: plan.counts,
      newSectors: plan.newSectors,
      sectors: plan.sectors,
      bad: plan.bad,
      changes: plan.changes
        .slice(0, SAMPLE_LIMIT)
        .map((c) => ({ row: c.record.row, name: c.record.name, action: c.action, changedFields: c.changedFields })),
    },
  };
}

function describeGrid(grid: Awaited<ReturnType<typeof readSheet>>, headerRow: number, mapping: ColumnMapping) {
  const headers = grid.rows[headerRow] ?? [];
  const fieldOf = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const index = mapping[field];
    if (index !== undefined && index !== null) fieldOf.set(index, field);
  }
  const columns: ImportColumn[] = headers.map((header, index) => ({
    index,
    header: header || `第 ${index + 1} 列`,
    field: fieldOf.get(index) ?? null,
    samples: grid.rows.slice(headerRow + 1, headerRow + 4).map((r) => r[index] ?? ''),
  }));
  return {
    format: grid.format,
    encoding: grid.encoding ?? null,
    sheetNames: grid.sheetNames,
    sheetIndex: grid.sheetIndex,
    headerRow,
    headerRowNumber: grid.rowNumbers[headerRow] ?? 1,
    columns,
    mapping,
    fieldLabels: FIELD_LABELS,
  };
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  bad: BadRow[];
  sectorsCreated: string[];
  /** Sheet names written under another sector (by core name or alias): 金融 → 金融团工委. */
  sectorsMapped: Array<{ name: string; sectorName: string }>;
  /** True when the sheet matched the roster exactly: the "no change" the office expects on a re-import. */
  noChange: boolean;
}

export async function applyImport(ctx: CoreContext, input: ImportInput, job: Job): Promise<ImportResult> {
  const { plan } = await prepare(ctx, input);
  const progress = (done: number, total: number) =>
    job.progress({ done, total, message: `正在写入名册 ${done}/${total}` });
  // One transaction: either every good row lands or none does.
  const { sectorsCreated } = ctx.db.orm.transaction((tx) => applyPlan(tx, plan, progress));
  const { create, update, unchanged } = plan.counts;
  const sectorsMapped = plan.sectors
    .filter((s) => s.sectorId !== null && s.name !== s.sectorName)
    .map((s) => ({ name: s.name, sectorName: s.sectorName }));
  return {
    created: create,
    updated: update,
    unchanged,
    bad: plan.bad,
    sectorsCreated,
    sectorsMapped,
    noChange: create + update === 0,
  };
}
