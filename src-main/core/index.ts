import { DeskError, fail, ok, type Envelope } from './contract/errors';
import { parseInput } from './contract/validate';
import type { CoreContext } from './app/context';
import { dataPaths } from './app/dataDir';
import { findResourcesDir } from './app/resources';
import { seedCampaigns } from './campaigns/campaigns';
import { openDatabase, type DeskDatabase } from './db/open';
import { EventBus, type DeskEvent } from './events';
import { WriteLock } from './locks/writeLock';
import { FileStore } from './store/store';
import { ThumbnailCache } from './store/thumbnails';
import { currentPhotos, fileInfo, type StoredFile } from './intake/history';
import { newUploadPath } from './intake/uploads';
import { downloadPath } from './app/downloads';
import { isOpName, operations, type OpName } from './operations';
import { seedSectors } from './roster/sectors';
import path from 'node:path';
import type { z } from 'zod';
import type { Operation } from './contract/define';

/**
 * SQLite bumps `data_version` when another connection commits, so a CLI import beside the
 * running app shows up in its windows without a reload.
 */
function watchOtherWriters(sqlite: DeskDatabase['sqlite'], events: EventBus, intervalMs = 1500): NodeJS.Timeout {
  let seen = sqlite.pragma('data_version', { simple: true });
  const timer = setInterval(() => {
    if (!sqlite.open) return;
    const now = sqlite.pragma('data_version', { simple: true });
    if (now === seen) return;
    seen = now;
    for (const topic of ['units', 'sectors', 'campaigns', 'submissions', 'reviews'] as const) events.emit({ type: 'changed', topic });
  }, intervalMs);
  timer.unref();
  return timer;
}

/** Who is calling: the desktop shell or the CLI on this machine, or a web page through browser mode. */
export type Caller = 'local' | 'web';

export interface CoreOptions {
  dataDir: string;
  version: string;
  mode: CoreContext['mode'];
  resourcesDir?: string;
  nativeBinding?: string;
}

export interface Core {
  /** Validates, runs and wraps one operation: the only door into the application. */
  invoke(name: string, input: unknown, caller?: Caller): Promise<Envelope<unknown>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** A stored file by content hash, for the shells that serve or open it; never by name or path. */
  storedFile(sha256: string): StoredFile;
  /** A photo's small JPEG copy for galleries (made on first ask); the original where none can be made. */
  thumbnail(sha256: string): Promise<StoredFile>;
  /** Where a shell streams an uploaded file before `intake.importUploads` takes it by id. */
  newUpload(): { id: string; file: string };
  /** A file an operation prepared for download (browser mode), by its random id. */
  download(id: string): string | null;
  readonly info: { dataDir: string; dbFile: string; version: string; preMigrationCopy: string | null };
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const paths = dataPaths(options.dataDir);
  const resources = findResourcesDir(options.resourcesDir);
  const db = openDatabase({
    file: paths.dbFile,
    migrationsFolder: path.join(resources, 'migrations'),
    backupsDir: paths.backupsDir,
    nativeBinding: options.nativeBinding,
  });
  seedSectors(db.orm);
  seedCampaigns(db.orm);
  const events = new EventBus();
  const store = new FileStore(paths.dataDir);
  const writeLock = new WriteLock(paths.locksDir);
  // Files of an import killed before its transaction committed are swept — unless another process is importing right now.
  writeLock.tryRun('清理收件临时文件', () => {
    const referenced = new Set(db.sqlite.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[]);
    store.sweep((sha) => referenced.has(sha));
  });
  const thumbnails = new ThumbnailCache(paths.cacheDir);
  const ctx: CoreContext = {
    jobs: new Map(),
    store,
    thumbnails,
    db,
    events,
    writeLock,
    dataDir: paths.dataDir,
    dbFile: paths.dbFile,
    version: options.version,
    mode: options.mode,
  };

  async function invoke(name: string, rawInput: unknown, caller: Caller = 'local'): Promise<Envelope<unknown>> {
    if (!isOpName(name)) return fail('unknown-operation', `未知的操作：${name}`);
    const operation = operations[name as OpName] as Operation<z.ZodType, unknown>;
    if (operation.readsLocalPaths && caller === 'web') return fail('forbidden', '浏览器模式不能按路径读取本机文件，请用上传。');
    try {
      const input = parseInput(operation.input, rawInput);
      const handler = operation.handler as (input: unknown, ctx: CoreContext) => unknown;
      return ok(await handler(input, ctx));
    } catch (error) {
      if (error instanceof DeskError) return fail(error.code, error.message, error.details);
      if (error && typeof error === 'object' && 'code' in error && (error as { code: unknown }).code === 'SQLITE_BUSY') {
        return fail('busy', '数据正被另一个程序写入，请稍后再试。');
      }
      // The stack goes to the log, never to the window.
      console.error(`[core] ${name} failed:`, error);
      return fail('internal', '操作未能完成（程序内部错误）。请重试；如果反复出现，请把日志发给技术支持。');
    }
  }

  const watcher = watchOtherWriters(db.sqlite, events);
  // The long-running shells make photo thumbnails in the background after each import (theirs or
  // a CLI's beside them), so a reviewer's first look finds them ready; the CLI exits too soon to.
  if (options.mode === 'desktop' || options.mode === 'browser') {
    let timer: NodeJS.Timeout | undefined;
    const warmSoon = (delayMs: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void thumbnails.warm(() => currentPhotos(ctx), () => writeLock.busy()).catch(() => undefined), delayMs);
      timer.unref();
    };
    events.subscribe((event) => event.type === 'changed' && event.topic === 'submissions' && warmSoon(1000));
    warmSoon(3000);
  }

  return {
    invoke,
    subscribe: (listener) => events.subscribe(listener),
    storedFile: (sha256) => fileInfo(ctx, sha256),
    thumbnail: async (sha256) => {
      const stored = fileInfo(ctx, sha256);
      const thumb = await thumbnails.get(sha256, stored.path, stored.mime);
      return thumb ? { ...stored, path: thumb, mime: 'image/jpeg' } : stored;
    },
    newUpload: () => newUploadPath(paths.dataDir),
    download: (id) => downloadPath(paths.dataDir, id),
    info: { dataDir: paths.dataDir, dbFile: paths.dbFile, version: options.version, preMigrationCopy: db.preMigrationCopy },
    close: () => {
      clearInterval(watcher);
      thumbnails.stop();
      db.close();
    },
  };
}

export type { Envelope } from './contract/errors';
export type { DeskEvent } from './events';
export type { Operations, OpName, OpInput, OpOutput } from './operations';
export { resolveDataDir } from './app/dataDir';
