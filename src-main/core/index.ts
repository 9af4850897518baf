import path from 'node:path';
import type { CoreContext } from './app/context';
import { DeskError } from './contract/errors';
import { dataPaths } from './dataFolder/dataDir';
import { refuseNetworkFolder } from './dataFolder/networkFolder';
import { findResourcesDir } from './dataFolder/resources';
import { seedCampaigns } from './campaigns/campaigns';
import { fillMissingWords } from './evidence/vocabulary';
import { dispatch } from './contract/dispatch';
import type { Principal } from '../common/principal';
import type { Envelope } from './contract/errors';
import { openDatabase, type DeskDatabase } from './db/open';
import { EventBus, type DeskEvent } from './events';
import { nodeHost, type CoreHost } from './host/host';
import { FileLog } from './host/log';
import { SecretStore } from './host/secrets';
import { currentPhotos, fileInfo, type StoredFile } from './intake/history';
import { indexSummaries } from './search/indexer';
import { afterImports } from './app/chores';
import { WriteLock } from './locks/writeLock';
import { seedSectors } from './roster/sectors';
import { FileStore } from './store/store';
import { ThumbnailCache } from './store/thumbnails';
import { runAutoBackup, scheduleAutoBackups } from './backup/auto';
import { findLeftovers, removeLeftovers } from './dataFolder/leftovers';
import { referencedHashes } from './db/fileCheck';
import { watchOtherWriters } from './db/otherWriters';
import { pruneSubmissionChanges } from './review/keptResults';

function pruneChangesHourly(sqlite: DeskDatabase['sqlite'], log: FileLog): NodeJS.Timeout {
  const prune = () => {
    try {
      if (sqlite.open) pruneSubmissionChanges(sqlite);
    } catch (error) {
      // Busy with another writer: the next hour prunes instead.
      log.error('prune submission_changes', error);
    }
  };
  prune();
  const timer = setInterval(prune, 60 * 60_000);
  timer.unref();
  return timer;
}

export interface CoreOptions {
  dataDir: string;
  version: string;
  mode: CoreContext['mode'];
  resourcesDir?: string;
  nativeBinding?: string;
  /**
   * The built intake thread (out/main/intakeThread.js): a mailbox fetch unpacks each message there
   * while this thread reads the next one from the server. Without it (tests on the sources) the
   * same work runs in-thread.
   */
  intakeThread?: string;
  /** The built backup read-back thread (out/main/verifyThread.js); without it the read-back runs in-thread. */
  verifyThread?: string;
  /** The platform's services; plain Node's by default. */
  host?: CoreHost;
  /**
   * `primary` (the default) migrates, seeds, sweeps, watches other writers and warms thumbnails;
   * a hosted core's extra workers are `secondary` and only answer calls on the same folder.
   */
  role?: 'primary' | 'secondary';
  /**
   * Whether this core schedules its own automatic backups (default: a primary desktop or browser
   * core). A hosted core schedules them itself, so they run on a background thread.
   */
  autoBackups?: boolean;
}

/** The application behind one interface, in-process (CLI, tests) or in a worker (see src-main/hosting). */
export interface Core {
  /** Validates, runs and wraps one operation: the only door into the application. */
  invoke(name: string, input: unknown, principal: Principal): Promise<Envelope<unknown>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** A stored file by content hash, for the shells that serve or open it; never by name or path. */
  storedFile(sha256: string): Promise<StoredFile>;
  /** A photo's small JPEG copy for galleries (made on first ask); the original where none can be made. */
  thumbnail(sha256: string): Promise<StoredFile>;
  readonly info: CoreInfo;
  close(): Promise<void>;
}

export interface CoreInfo {
  dataDir: string;
  dbFile: string;
  logFile: string;
  version: string;
  preMigrationCopy: string | null;
}

export function createCore(options: CoreOptions): Core {
  refuseNetworkFolder(options.dataDir);
  const paths = dataPaths(options.dataDir);
  const primary = (options.role ?? 'primary') === 'primary';
  const resourcesDir = findResourcesDir(options.resourcesDir);
  const log = new FileLog(paths.dataDir);
  const db = openDatabase({
    file: paths.dbFile,
    migrationsFolder: path.join(resourcesDir, 'migrations'),
    backupsDir: paths.backupsDir,
    nativeBinding: options.nativeBinding,
    migrate: primary,
    locksDir: paths.locksDir,
    appVersion: options.version,
  });
  const events = new EventBus();
  const store = new FileStore(paths.dataDir);
  const writeLock = new WriteLock(paths.locksDir);
  if (primary) {
    seedSectors(db.orm);
    seedCampaigns(db.orm);
    fillMissingWords(db.sqlite);
    // Files of an import killed before its transaction committed are swept — unless another process is importing right
    // now.
    writeLock.tryRun('清理收件临时文件', () => {
      const referenced = new Set(referencedHashes(db.sqlite));
      store.sweep((sha) => referenced.has(sha));
      removeLeftovers(findLeftovers(paths.dataDir, store));
    });
  }
  const thumbnails = new ThumbnailCache(paths.cacheDir);
  const ctx: CoreContext = {
    jobs: new Map(),
    store,
    thumbnails,
    db,
    events,
    writeLock,
    host: options.host ?? nodeHost,
    log,
    secrets: new SecretStore(paths.dataDir, (options.host ?? nodeHost).cipher),
    dataDir: paths.dataDir,
    dbFile: paths.dbFile,
    resourcesDir,
    version: options.version,
    nativeBinding: options.nativeBinding,
    intakeThread: options.intakeThread,
    verifyThread: options.verifyThread,
    mode: options.mode,
  };

  const watcher = primary ? watchOtherWriters(db.sqlite, events) : undefined;
  // The change log the year's aggregation catches up from is pruned by the primary, at start and hourly.
  const pruning = primary ? pruneChangesHourly(db.sqlite, log) : undefined;
  // The long-running shells make photo thumbnails in the background after each import, so a
  // reviewer's first look finds them ready, and read new summaries into the full-text index; the
  // CLI exits too soon to (its `desk search` catches up on what its own imports left).
  const chores: Array<() => void> = [];
  const indexing = new AbortController();
  if (primary && (options.mode === 'desktop' || options.mode === 'browser')) {
    chores.push(
      afterImports(events, { startMs: 3000, settleMs: 1000, retryMs: 3000 }, () =>
        thumbnails
          .warm(
            () => currentPhotos(ctx),
            () => writeLock.busy(),
          )
          .catch(() => undefined),
      ),
    );
    chores.push(
      afterImports(events, { startMs: 4000, settleMs: 1500, retryMs: 3000 }, () =>
        indexSummaries(ctx, {
          pause: () => writeLock.busy(),
          signal: indexing.signal,
          // A chore, not an operation: it announces each batch itself, as the dispatcher would.
          onProgress: () => events.emit({ type: 'changed', topic: 'search' }),
        })
          // An import still holding the lock: try again once it may have finished.
          .then((run) => (run.stopped && !indexing.signal.aborted ? ('again' as const) : undefined))
          .catch((error: unknown) => log.error('summary index', error)),
      ),
    );
  }
  const autoBackups = options.autoBackups ?? (primary && (options.mode === 'desktop' || options.mode === 'browser'));
  const stopAutoBackups = autoBackups ? scheduleAutoBackups(() => runAutoBackup(ctx)) : undefined;

  return {
    invoke: (name, input, principal) => dispatch(ctx, name, input, principal),
    subscribe: (listener) => events.subscribe(listener),
    storedFile: async (sha256) => {
      const stored = fileInfo(ctx, sha256);
      // Bytes changed behind the app are not served as the unit's material (数据检查 names the file).
      if (!(await store.intact(sha256)))
        throw new DeskError('not-found', '这个文件已损坏（内容与记录不符），请在“设置 → 数据检查”中检查，或从备份恢复');
      return stored;
    },
    thumbnail: async (sha256) => {
      const stored = fileInfo(ctx, sha256);
      const thumb = await thumbnails.get(sha256, stored.path, stored.mime);
      return thumb ? { ...stored, path: thumb, mime: 'image/jpeg' } : stored;
    },
    info: {
      dataDir: paths.dataDir,
      dbFile: paths.dbFile,
      logFile: log.file,
      version: options.version,
      preMigrationCopy: db.preMigrationCopy,
    },
    close: async () => {
      clearInterval(watcher);
      clearInterval(pruning);
      for (const stop of chores) stop();
      indexing.abort();
      stopAutoBackups?.();
      for (const job of ctx.jobs.values()) job.control.abort();
      thumbnails.stop();
      db.close();
    },
  };
}

export type { Envelope } from './contract/errors';
export type { DeskEvent } from './events';
export type { OpName, OpInput, OpOutput } from './operations';
export type { Artifact } from './transfer/artifacts';
export type { StoredFile } from './intake/history';
export { resolveDataDir } from './dataFolder/dataDir';
