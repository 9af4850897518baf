import { Worker } from 'node:worker_threads';
import { DeskError } from '../contract/errors';
import type { ErrorCode } from '../../common/errorCodes';
import type { BackupOutput } from './output';
import type { BackupContents } from './read';

export interface AsideStart {
  file: string;
  progress: SharedArrayBuffer;
}

export type AsideReply =
  { contents: BackupContents } | { failed: { code?: ErrorCode; message: string; details?: unknown } };

/**
 * The read-back of a backup being written, on a thread of its own (`script`, the built
 * verifyThread.js): parsing and hashing a backup's every byte took the writer's thread 2–3 s of
 * 11 for 100,000 small files. Answers as verifyBackup does — the contents, or its refusal.
 */
export function verifyAside(script: string, out: BackupOutput): Promise<BackupContents> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { file: out.file, progress: out.progress.buffer as SharedArrayBuffer } satisfies AsideStart,
    });
    worker.once('message', (reply: AsideReply) => {
      void worker.terminate();
      if ('contents' in reply) resolve(reply.contents);
      else if (reply.failed.code) reject(new DeskError(reply.failed.code, reply.failed.message, reply.failed.details));
      else reject(new Error(reply.failed.message));
    });
    worker.once('error', reject);
  });
}
