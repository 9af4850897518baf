import type { Executor } from '../../db/open';
import { cleanCell } from '../../text/normalize';
import {
  CONTACT_MAX,
  NOTES_MAX,
  normalizeEmail,
  normalizePhone,
  parseLevel,
  parseStatus,
  parseYear,
  splitAliases,
  type Level,
  type Status,
} from '../fields';
import { listUnits, type Unit } from '../units';
import { knownSectors } from '../sectors';
import { matchSector, type SectorMatch } from '../sectorNames';
import type { ColumnMapping, ImportField } from './mapping';

/** One good row, already normalised; `undefined` fields are unmapped and left as they are on update. */
export interface ImportRecord {
  row: number;
  name: string;
  sector?: string | null;
  level?: Level | null;
  yearNamed?: number | null;
  status?: Status | null;
  contact?: string | null;
  phone?: string | null;
  email?: string | null;
  aliases?: string[];
  notes?: string | null;
}

export interface BadRow {
  row: number;
  name: string;
  reasons: string[];
}

interface PlannedChange {
  record: ImportRecord;
  action: 'create' | 'update' | 'unchanged';
  unitId?: number;
  /** Chinese labels of the fields an update changes. */
  changedFields: string[];
}

/**
 * A sector name the sheet uses and what it will be: an existing sector (by name, alias, or — when
 * `asked` — by core name, 金融 ↔ 金融团工委, as suggested or chosen) or a new one.
 */
interface SectorResolution {
  name: string;
  /** The sector it goes to; null: a new sector of this name. */
  sectorId: number | null;
  sectorName: string;
  match: SectorMatch['kind'];
  /** A core-name match: the preview asks, the suggestion stands unless the office chooses otherwise. */
  asked: boolean;
  units: number;
}

/** The office's answers in the preview: a sheet name → an existing sector's id, or null for a new sector. */
export type SectorChoices = Record<string, number | null>;

export interface ImportPlan {
  changes: PlannedChange[];
  bad: BadRow[];
  newSectors: string[];
  sectors: SectorResolution[];
  counts: { rows: number; create: number; update: number; unchanged: number; bad: number };
}

function cell(cells: string[], mapping: ColumnMapping, field: ImportField): string | undefined {
  const index = mapping[field];
  if (index === undefined || index === null) return undefined;
  return cleanCell(cells[index] ?? '');
}

export function parseRecords(
  rows: string[][],
  rowNumbers: number[],
  headerRow: number,
  mapping: ColumnMapping,
): { records: ImportRecord[]; bad: BadRow[] } {
  const records: ImportRecord[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  for (let i = headerRow + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    const row = rowNumbers[i]!;
    const reasons: string[] = [];
    const name = cell(cells, mapping, 'name') ?? '';
    const record: ImportRecord = { row, name };
    if (!name) reasons.push('集体名称为空');
    else if (name.length > 100) reasons.push('集体名称过长（最多 100 字）');
    else if (seen.has(name)) reasons.push(`与第 ${seen.get(name)} 行集体名称重复`);

    const sector = cell(cells, mapping, 'sector');
    if (sector !== undefined) record.sector = sector || null;
    const level = cell(cells, mapping, 'level');
    if (level !== undefined) {
      const parsed = parseLevel(level);
      if (parsed === 'invalid') reasons.push(`级别“${level}”无法识别（应为 全国 / 省级 / 市级 / 县区级）`);
      else record.level = parsed;
    }
    const year = cell(cells, mapping, 'yearNamed');
    if (year !== undefined) {
      const parsed = parseYear(year);
      if (parsed === 'invalid') reasons.push(`命名年份“${year}”不是有效年份`);
      else record.yearNamed = parsed;
    }
    const status = cell(cells, mapping, 'status');
    if (status !== undefined) {
      const parsed = parseStatus(status);
      if (parsed === 'invalid') reasons.push(`状态“${status}”无法识别（应为 在册 / 暂停 / 撤销）`);
      else record.status = parsed;
    }
    const contact = cell(cells, mapping, 'contact');
    if (contact !== undefined) {
      if (contact.length > CONTACT_MAX) reasons.push(`联系人过长（${contact.length} 字，最多 ${CONTACT_MAX} 字）`);
      else record.contact = contact || null;
    }
    const phone = cell(cells, mapping, 'phone');
    if (phone !== undefined) {
      const parsed = normalizePhone(phone);
      if (parsed === 'invalid') reasons.push(`联系电话“${phone}”格式不正确`);
      else record.phone = parsed;
    }
    const email = cell(cells, mapping, 'email');
    if (email !== undefined) {
      const parsed = normalizeEmail(email);
      if (parsed === 'invalid') reasons.push(`电子邮箱“${email}”格式不正确`);
      else record.email = parsed;
    }
    const aliases = cell(cells, mapping, 'aliases');
    if (aliases !== undefined) record.aliases = splitAliases(aliases);
    const notes = cell(cells, mapping, 'notes');
    if (notes !== undefined) {
      // A long 备注 is this row's problem, named with it; the rest of the sheet goes in.
      if (notes.length > NOTES_MAX) reasons.push(`备注过长（${notes.length} 字，最多 ${NOTES_MAX} 字）`);
      else record.notes = notes || null;
    }

    if (reasons.length) bad.push({ row, name, reasons });
    else {
      seen.set(name, row);
      records.push(record);
    }
  }
  return { records, bad };
}

const COMPARED: Array<[keyof ImportRecord & keyof Unit, string]> = [
  ['level', '级别'],
  ['yearNamed', '命名年份'],
  ['status', '状态'],
  ['contact', '联系人'],
  ['phone', '联系电话'],
  ['email', '电子邮箱'],
  ['notes', '备注'],
];

function diff(record: ImportRecord, unit: Unit): string[] {
  const changed: string[] = [];
  if (record.sector !== undefined && (record.sector ?? null) !== unit.sectorName) changed.push('系统');
  for (const [key, label] of COMPARED) {
    const value = record[key];
    if (value === undefined) continue;
    // A blank status cell means the default, not "clear it".
    if (key === 'status' && value === null) continue;
    if ((value ?? null) !== unit[key]) changed.push(label);
  }
  if (record.aliases?.some((a) => a !== unit.name && !unit.aliases.includes(a))) changed.push('别名');
  return changed;
}

function resolveSectors(orm: Executor, records: ImportRecord[], choices: SectorChoices): Map<string, SectorResolution> {
  const known = knownSectors(orm);
  const resolved = new Map<string, SectorResolution>();
  for (const record of records) {
    if (!record.sector) continue;
    const seen = resolved.get(record.sector);
    if (seen) {
      seen.units++;
      continue;
    }
    const match = matchSector(record.sector, known);
    const asked = match.kind === 'core';
    const choice = choices[record.sector];
    const chosen =
      choice === undefined
        ? match.kind === 'new'
          ? null
          : match.sector
        : choice === null
          ? null
          : (known.find((s) => s.id === choice) ?? null);
    resolved.set(record.sector, {
      name: record.sector,
      sectorId: chosen?.id ?? null,
      sectorName: chosen?.name ?? record.sector,
      match: match.kind,
      asked,
      units: 1,
    });
  }
  return resolved;
}

/** Compares good rows with the live roster: what an apply would create, update or leave alone. */
export function planImport(
  orm: Executor,
  records: ImportRecord[],
  bad: BadRow[],
  choices: SectorChoices = {},
): ImportPlan {
  const byName = new Map(listUnits(orm).map((u) => [u.name, u]));
  const resolved = resolveSectors(orm, records, choices);
  const newSectors = new Set([...resolved.values()].filter((r) => r.sectorId === null).map((r) => r.name));
  const changes: PlannedChange[] = records.map((record) => {
    // Compared, and written, under the sector it resolves to: 金融 on the sheet is 金融团工委 here.
    if (record.sector) record = { ...record, sector: resolved.get(record.sector)!.sectorName };
    const existing = byName.get(record.name);
    if (!existing) return { record, action: 'create', changedFields: [] };
    const changedFields = diff(record, existing);
    return { record, action: changedFields.length ? 'update' : 'unchanged', unitId: existing.id, changedFields };
  });
  const count = (action: PlannedChange['action']) => changes.filter((c) => c.action === action).length;
  return {
    changes,
    bad,
    newSectors: [...newSectors],
    sectors: [...resolved.values()],
    counts: {
      rows: records.length + bad.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      bad: bad.length,
    },
  };
}
