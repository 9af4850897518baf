import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { TEXT_CAP, readerVersion } from '../documents/reader';
import { documentText } from '../documents/text';
import { previewFile } from '../review/preview';
import { keepEvidenceFor } from '../evidence/store';

interface Waiting {
  sha256: string;
  mime: string | null;
}

/**
 * Summaries to read: every stored file whose kind is 工作总结, in a submission not deleted, with no
 * reading yet — or one the limits stopped under other limits than today's. Found from the data
 * rather than queued by intake, so a file the office re-kinds as 工作总结, a restored backup or an
 * interrupted run are all caught up the same way; a file that failed is recorded and not tried again.
 */
const WAITING = `FROM attachments a JOIN submissions s ON s.id = a.submission_id AND s.deleted_at IS NULL
  WHERE a.kind = 'summary' AND NOT EXISTS (
    SELECT 1 FROM summary_texts t WHERE t.sha256 = a.sha256 AND (t.status <> 'runaway' OR t.reader = @reader))`;

function waiting(sqlite: Database.Database, reader: string, limit: number): Waiting[] {
  return sqlite
    .prepare(`SELECT a.sha256 AS sha256, min(a.mime) AS mime ${WAITING} GROUP BY a.sha256 LIMIT @limit`)
    .all({ reader, limit }) as Waiting[];
}

export function waitingCount(ctx: CoreContext): number {
  return ctx.db.sqlite
    .prepare(`SELECT count(DISTINCT a.sha256) ${WAITING}`)
    .pluck()
    .get({ reader: readerVersion(ctx) }) as number;
}

type Outcome = { sha256: string; status: 'indexed' | 'empty' | 'unreadable' | 'runaway' | 'unsupported'; text: string };

function write(sqlite: Database.Database, reader: string, outcomes: Outcome[]): void {
  // A reading the limits stopped gives way to the new one (it has no words in summary_fts).
  const stale = sqlite.prepare(`DELETE FROM summary_texts WHERE sha256 = ? AND status = 'runaway' AND reader <> ?`);
  const row = sqlite.prepare(
    `INSERT INTO summary_texts (sha256, status, chars, reader, extracted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`,
  );
  const words = sqlite.prepare('INSERT INTO summary_fts (rowid, text) VALUES (?, ?)');
  const at = new Date().toISOString();
  sqlite.transaction(() => {
    for (const o of outcomes) {
      stale.run(o.sha256, reader);
      const written = row.get(o.sha256, o.status, o.text.length, reader, at) as { id: number } | undefined;
      if (written && o.status === 'indexed') words.run(written.id, o.text);
    }
  })();
}

async function read(ctx: CoreContext, file: Waiting): Promise<Outcome> {
  if (!ctx.store.has(file.sha256)) return { sha256: file.sha256, status: 'unreadable', text: '' };
  const result = await documentText(ctx, ctx.store.pathFor(file.sha256), file.mime);
  // The evidence pane's view made now too, in the background, so 评审 opens it without a reader's start-up.
  await previewFile(ctx, file.sha256).catch(() => undefined);
  if (!result.ok) return { sha256: file.sha256, status: result.reason, text: '' };
  // Runs of blanks from layout carry no meaning and would only make snippets ragged.
  const text = result.text
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim()
    .slice(0, TEXT_CAP);
  return { sha256: file.sha256, status: text ? 'indexed' : 'empty', text };
}

/**
 * Reads the given summaries now if no reading of them is kept (评审 asking for one the background
 * has not reached): the same reading and record as the background's, so it is never read twice.
 */
export async function indexFiles(ctx: CoreContext, files: Waiting[]): Promise<void> {
  const sqlite = ctx.db.sqlite;
  const reader = readerVersion(ctx);
  const known = sqlite.prepare('SELECT 1 FROM summary_texts WHERE sha256 = ?').pluck();
  const missing = files.filter((f, i) => files.findIndex((g) => g.sha256 === f.sha256) === i && !known.get(f.sha256));
  if (!missing.length) return;
  const outcomes: Outcome[] = [];
  for (const file of missing) outcomes.push(await read(ctx, file));
  write(sqlite, reader, outcomes);
  await keepEvidenceFor(ctx, indexedOf(outcomes));
}

const indexedOf = (outcomes: Outcome[]) => outcomes.filter((o) => o.status === 'indexed').map((o) => o.sha256);

export interface IndexRun {
  read: number;
  remaining: number;
  stopped: boolean;
}

const running = new WeakMap<CoreContext, Promise<IndexRun>>();

/**
 * Reads every waiting summary into the full-text index, a few at a time, each batch in its own
 * transaction, so a quit mid-way keeps what was read. `pause` is asked between batches (an import
 * holding the long-write lock goes first; the next change of submissions starts the rest).
 * Calls while a run is under way share it.
 */
export function indexSummaries(
  ctx: CoreContext,
  options: {
    pause?: () => boolean;
    signal?: AbortSignal;
    /** After each batch is written (the background chore announces `search` then; an operation at its end). */
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<IndexRun> {
  const existing = running.get(ctx);
  if (existing) return existing;
  const run = (async (): Promise<IndexRun> => {
    const sqlite = ctx.db.sqlite;
    const reader = readerVersion(ctx);
    const total = waitingCount(ctx);
    let done = 0;
    for (;;) {
      // Closing: the connection is going, so nothing more is asked of it.
      if (options.signal?.aborted) return { read: done, remaining: -1, stopped: true };
      if (options.pause?.()) return { read: done, remaining: waitingCount(ctx), stopped: true };
      const batch = waiting(sqlite, reader, 16);
      if (!batch.length) break;
      const outcomes: Outcome[] = [];
      for (const file of batch) outcomes.push(await read(ctx, file));
      if (options.signal?.aborted) return { read: done, remaining: -1, stopped: true };
      write(sqlite, reader, outcomes);
      // The 评审助手's passages are worked out while the text is at hand, so 评审 finds them kept.
      await keepEvidenceFor(ctx, indexedOf(outcomes), options.signal);
      done += batch.length;
      options.onProgress?.(done, Math.max(total, done));
    }
    return { read: done, remaining: 0, stopped: false };
  })();
  running.set(ctx, run);
  return run.finally(() => running.delete(ctx));
}
