import { parentPort, workerData } from 'node:worker_threads';
import { FileStore } from '../store/store';
import { partsFromWire, prepareMail, toWire, type ThreadJob, type ThreadReply, type ThreadStart } from './mailPreparer';

/**
 * The intake thread's entry (built as out/main/intakeThread.js): prepares the mailbox messages the
 * fetching thread hands it, one reply per message. It writes only into the store, never the
 * database; a cancel ends the thread.
 */
const start = workerData as ThreadStart;
const store = new FileStore(start.dataDir);
const running = new AbortController().signal;
const port = parentPort!;

port.on('message', (job: ThreadJob) => {
  prepareMail(start, store, { label: job.label, parts: partsFromWire(job.parts) }, running).then(
    (prepared) => port.postMessage({ id: job.id, prepared: prepared && toWire(prepared) } satisfies ThreadReply),
    (error: unknown) =>
      port.postMessage({
        id: job.id,
        failed: error instanceof Error ? error.message : String(error),
      } satisfies ThreadReply),
  );
});
