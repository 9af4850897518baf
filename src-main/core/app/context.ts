import type { DeskDatabase } from '../db/open';
import type { EventBus } from '../events';
import type { WriteLock } from '../locks/writeLock';
import type { FileStore } from '../store/store';
import type { ThumbnailCache } from '../store/thumbnails';

/** Everything a handler may use. Shells never see it; they only call `invoke`. */
export interface CoreContext {
  /** Long jobs that can be cancelled, by the job id their progress events carry. */
  jobs: Map<string, AbortController>;
  store: FileStore;
  /** Small JPEG copies of stored photos (galleries, print). */
  thumbnails: ThumbnailCache;
  db: DeskDatabase;
  events: EventBus;
  writeLock: WriteLock;
  dataDir: string;
  dbFile: string;
  version: string;
  mode: 'desktop' | 'browser' | 'cli' | 'test';
}
