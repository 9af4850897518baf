import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { DeskError } from '../contract/errors';
import { readBackup } from './read';
import type { AsideReply, AsideStart } from './verifyAside';

/**
 * The backup read-back's thread (built as out/main/verifyThread.js): reads the file as the writer
 * writes it — up to the position the writer publishes — parsing and hashing every entry while the
 * writer's thread goes on reading the store. The database, checked at its source, is only hashed.
 */
const start = workerData as AsideStart;
const progress = new Float64Array(start.progress);

async function* follow(): AsyncGenerator<Buffer> {
  const fd = await fs.promises.open(start.file, 'r');
  try {
    for (let offset = 0; ;) {
      const written = progress[0]!;
      if (offset < written) {
        const buffer = Buffer.allocUnsafe(Math.min(1 << 20, written - offset));
        const { bytesRead } = await fd.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) throw new Error('backup file shorter than written');
        offset += bytesRead;
        yield buffer.subarray(0, bytesRead);
      } else if (progress[1] === 1 && offset >= progress[0]!) return;
      else await sleep(2);
    }
  } finally {
    await fd.close();
  }
}

const none = { write() {}, close: async () => {}, discard() {} };
readBackup(follow(), { database: () => none }).then(
  (contents) => parentPort!.postMessage({ contents } satisfies AsideReply),
  (error: unknown) =>
    parentPort!.postMessage({
      failed:
        error instanceof DeskError
          ? { code: error.code, message: error.message, details: error.details }
          : { message: error instanceof Error ? error.message : String(error) },
    } satisfies AsideReply),
);
