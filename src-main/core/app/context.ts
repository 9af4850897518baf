import type { DeskDatabase } from '../db/open';
import type { EventBus } from '../events';
import type { WriteLock } from '../locks/writeLock';
import type { FileStore } from '../store/store';

/** Everything a handler may use. Shells never see it; they only call `invoke`. */
export interface CoreContext {
  store: FileStore;
  db: DeskDatabase;
  events: EventBus;
  writeLock: WriteLock;
  dataDir: string;
  dbFile: string;
  version: string;
  mode: 'desktop' | 'browser' | 'cli' | 'test';
}
