import type { DeskDatabase } from '../db/open';
import type { EventBus } from '../events';
import type { CoreHost } from '../host/host';
import type { FileLog } from '../host/log';
import type { SecretStore } from '../host/secrets';
import type { WriteLock } from '../locks/writeLock';
import type { FileStore } from '../store/store';
import type { ThumbnailCache } from '../store/thumbnails';

/** Everything a handler may use. Shells never see it; they only call `invoke`. */
export interface CoreContext {
  /** Running calls that can be cancelled, by the job id their progress events carry, each with its session. */
  jobs: Map<string, { control: AbortController; session: string }>;
  store: FileStore;
  /** Small JPEG copies of stored photos (galleries, print). */
  thumbnails: ThumbnailCache;
  db: DeskDatabase;
  events: EventBus;
  writeLock: WriteLock;
  /** What only the platform gives: isolated children for untrusted parsers, secret encryption. */
  host: CoreHost;
  log: FileLog;
  /** Passwords kept for the person (mailbox 授权码): encrypted by the platform where it can. */
  secrets: SecretStore;
  dataDir: string;
  dbFile: string;
  /** The app's shipped resources (migrations, fonts, isolated scripts). */
  resourcesDir: string;
  version: string;
  /** better-sqlite3 built for the Electron ABI, for every extra connection core opens (backups, restores). */
  nativeBinding?: string;
  /** The built intake thread script, when the shell has one (see CoreOptions). */
  intakeThread?: string;
  /** The built backup read-back thread (see CoreOptions). */
  verifyThread?: string;
  mode: 'desktop' | 'browser' | 'cli' | 'test';
}
