import crypto from 'node:crypto';
import fs from 'node:fs';
import { eq, gt, sql } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import type { Orm } from '../db/open';
import { intakeSources, units, submissions } from '../db/schema';
import { readSetting, writeSetting } from '../db/settings';
import { processAlive } from '../locks/process';
import { SLOT_ID, slotFile, staleSlots } from '../transfer/slots';
import { uploadsDir } from '../transfer/uploads';

/**
 * 收件's last batch, kept so a closed tab or window loses nothing it should know: a batch cut
 * off during upload (nothing imported; its finished uploads removed), one cut off during import
 * (what was stored and what was not), or one that finished after the page that started it had
 * gone (its result, shown once). The page acknowledges what it has shown.
 */
interface BatchRecord {
  id: string;
  startedAt: string;
  names: string[];
  uploads: string[];
  status: 'uploading' | 'importing' | 'done';
  /** intake_sources rows above this id are this batch's. */
  afterSourceId: number;
  cancelled: boolean;
  acknowledged: boolean;
  /** Last sign of life from the page (begun, a file uploaded). */
  touchedAt: string;
}

/** A batch still uploading shows it: a touch, or an upload file written, within this time. */
const QUIET_MS = 15_000;

/** Whether some upload is being written right now (another tab's, or a large file's). */
function uploadsActive(dataDir: string, now: number): boolean {
  try {
    const dir = uploadsDir(dataDir);
    return fs.readdirSync(dir).some((name) => now - fs.statSync(`${dir}/${name}`).mtimeMs < QUIET_MS);
  } catch {
    return false;
  }
}

const KEY = 'intake.lastBatch';

const read = (orm: Orm) => readSetting(orm, KEY) as BatchRecord | null;
const write = (orm: Orm, record: BatchRecord) => writeSetting(orm, KEY, record);

function update(orm: Orm, id: string, change: (r: BatchRecord) => BatchRecord): void {
  const record = read(orm);
  if (record && record.id === id) write(orm, change(record));
}

export function beginBatch(orm: Orm, names: string[]): { batchId: string } {
  const afterSourceId =
    orm
      .select({ n: sql<number>`coalesce(max(${intakeSources.id}), 0)` })
      .from(intakeSources)
      .get()?.n ?? 0;
  const now = new Date().toISOString();
  const record: BatchRecord = {
    id: crypto.randomUUID(),
    startedAt: now,
    names,
    uploads: [],
    status: 'uploading',
    afterSourceId,
    cancelled: false,
    acknowledged: false,
    touchedAt: now,
  };
  write(orm, record);
  return { batchId: record.id };
}

export function batchUploaded(orm: Orm, id: string, upload: string): void {
  update(orm, id, (r) => ({ ...r, uploads: [...r.uploads, upload], touchedAt: new Date().toISOString() }));
}

export function batchImporting(orm: Orm, id: string): void {
  // Its uploads are the import's now: the import releases them.
  update(orm, id, (r) => ({ ...r, status: 'importing', uploads: [] }));
}

export function batchDone(orm: Orm, id: string, cancelled: boolean): void {
  update(orm, id, (r) => ({ ...r, status: 'done', cancelled }));
}

export function acknowledgeBatch(orm: Orm, id: string): void {
  update(orm, id, (r) => ({ ...r, acknowledged: true }));
}

type BatchState = 'cut-upload' | 'cut-import' | 'running' | 'finished' | 'cancelled';

/** What 收件 says on opening about the last batch, or null when there is nothing to say. */
export function lastBatch(ctx: CoreContext) {
  const orm = ctx.db.orm;
  const record = read(orm);
  if (!record || record.acknowledged) return null;
  const now = Date.now();
  // An import holds the write lock; an upload in progress shows itself by recent activity.
  const uploading =
    record.status === 'uploading' &&
    (now - Date.parse(record.touchedAt ?? record.startedAt) < QUIET_MS || uploadsActive(ctx.dataDir, now));
  const running = ctx.writeLock.busy() || uploading;
  // Cut off during upload: nothing was imported; the files that did arrive go — the batch's, and
  // any other upload left quiet as long (a stalled request whose page has gone leaves its part).
  if (record.status === 'uploading' && !running) {
    for (const id of record.uploads) {
      const file = SLOT_ID.test(id) ? slotFile(uploadsDir(ctx.dataDir), id) : null;
      if (file) fs.rmSync(file, { force: true });
    }
    for (const file of staleSlots(uploadsDir(ctx.dataDir), processAlive, now, QUIET_MS))
      fs.rmSync(file, { force: true });
    if (record.uploads.length) write(orm, { ...record, uploads: [] });
  }
  const stored = orm
    .select({
      source: intakeSources.label,
      status: intakeSources.status,
      message: intakeSources.message,
      submissionId: intakeSources.submissionId,
      unitName: units.name,
    })
    .from(intakeSources)
    .leftJoin(submissions, eq(submissions.id, intakeSources.submissionId))
    .leftJoin(units, eq(units.id, submissions.unitId))
    .where(gt(intakeSources.id, record.afterSourceId))
    .orderBy(intakeSources.id)
    .all();
  const seen = new Set(stored.map((s) => s.source));
  const state: BatchState =
    record.status === 'done'
      ? record.cancelled
        ? 'cancelled'
        : 'finished'
      : running
        ? 'running'
        : record.status === 'uploading'
          ? 'cut-upload'
          : 'cut-import';
  return {
    batchId: record.id,
    startedAt: record.startedAt,
    state,
    total: record.names.length,
    stored,
    notStored: record.names.filter((n) => !seen.has(n)),
  };
}
