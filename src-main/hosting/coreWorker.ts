import { parentPort, workerData } from 'node:worker_threads';
import { createCore, type Core } from '../core';
import { DeskError } from '../core/contract/errors';
import type { CoreHost, IsolatedResult } from '../core/host/host';
import { operations } from '../core/operations';
import type { FromWorker, HostRequest, ToWorker, WorkerStart } from './protocol';

/**
 * A worker thread that runs core: the shell's thread only forwards calls, events and files, so
 * nothing core does — a 5,000-row sheet, a year's aggregation, a hostile document — holds up the
 * window or the HTTP server.
 */
const port = parentPort!;
const start = workerData as WorkerStart;
const send = (message: FromWorker) => port.postMessage(message);

let nextHostId = 1;
const hostWaiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

function askHost(request: HostRequest): Promise<unknown> {
  const id = nextHostId++;
  return new Promise((resolve, reject) => {
    hostWaiting.set(id, { resolve, reject });
    send({ type: 'host', id, ...request });
  });
}

/** The shell's platform services, asked for across the thread boundary. */
const host: CoreHost = {
  runIsolated: async (run) => {
    const result = (await askHost({ method: 'runIsolated', run })) as IsolatedResult;
    return result.ok ? { ok: true, stdout: Buffer.from(result.stdout) } : result;
  },
  cipher: {
    encrypts: start.cipherEncrypts,
    encrypt: async (text) => (await askHost({ method: 'encrypt', text })) as string,
    decrypt: async (text) => (await askHost({ method: 'decrypt', text })) as string,
  },
};

let core: Core;
try {
  core = createCore({ ...start.options, host });
} catch (error) {
  send({
    type: 'startFailed',
    code: error instanceof DeskError ? error.code : 'internal',
    message: error instanceof Error ? error.message : String(error),
  });
  throw error;
}

const background = Object.entries(operations)
  .filter(([, op]) => ('heavy' in op && op.heavy) || ('longWrite' in op && op.longWrite))
  .map(([name]) => name);
core.subscribe((event) => send({ type: 'event', event }));
send({ type: 'ready', info: core.info, routes: { background } });

port.on('message', (message: ToWorker) => {
  if (message.type === 'hostReply') {
    const waiting = hostWaiting.get(message.id);
    hostWaiting.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(message.message));
    return;
  }
  const id = message.id;
  const run = async (): Promise<unknown> => {
    if (message.type === 'invoke') return core.invoke(message.name, message.input, message.principal);
    if (message.type === 'storedFile') return core.storedFile(message.sha256).catch(() => null);
    if (message.type === 'thumbnail') return core.thumbnail(message.sha256).catch(() => null);
    await core.close();
    return null;
  };
  run().then(
    (value) => send({ type: 'reply', id, ok: true, value: value as never }),
    (error: unknown) =>
      send({ type: 'reply', id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
