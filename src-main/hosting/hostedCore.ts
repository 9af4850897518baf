import { Worker } from 'node:worker_threads';
import { scheduleOf, type Principal } from '../common/principal';
import type { Core, CoreInfo, CoreOptions, DeskEvent, Envelope, StoredFile } from '../core';
import { nodeHost, type CoreHost } from '../core/host/host';
import { EventBus } from '../core/events';
import { scheduleAutoBackups } from '../core/backup/auto';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';
import { nestsDeeperThan, TOO_DEEP } from '../transport/inputDepth';

const INTERNAL = '操作未能完成（后台进程意外退出）。请重试；如果反复出现，请重新启动程序。';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** What the shell's thread asks a worker (host replies travel separately). */
type Request = WithoutId<Exclude<ToWorker, { type: 'hostReply' }>>;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One worker thread running core, and the calls waiting on it. */
class CoreThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;
  readonly ready: Promise<{ info: CoreInfo; background: string[] }>;
  /** Calls sent and not yet answered: the pool gives new work to the least busy thread. */
  load = 0;

  constructor(
    script: string,
    start: WorkerStart,
    host: CoreHost,
    events: EventBus,
    onExit: (thread: CoreThread) => void,
  ) {
    this.worker = new Worker(script, { workerData: start });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') return resolve({ info: message.info, background: message.routes.background });
        if (message.type === 'startFailed')
          return reject(Object.assign(new Error(message.message), { code: message.code }));
        if (message.type === 'event') return events.emit(message.event);
        if (message.type === 'host') return void this.serveHost(host, message);
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        this.load--;
        if (message.ok) waiting?.resolve(message.value);
        else waiting?.reject(new Error(message.message));
      });
      this.worker.on('error', (error) => reject(error));
      this.worker.on('exit', () => {
        this.exited = true;
        for (const waiting of this.pending.values()) waiting.reject(new Error('worker exited'));
        this.pending.clear();
        reject(new Error('worker exited before it was ready'));
        onExit(this);
      });
    });
    // Callers await `ready`; a thread that fails with no caller waiting must not be an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return !this.exited;
  }

  request(message: Request): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error('worker exited'));
    const id = this.nextId++;
    this.load++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  private async serveHost(host: CoreHost, message: Extract<FromWorker, { type: 'host' }>): Promise<void> {
    try {
      const value =
        message.method === 'runIsolated'
          ? await host.runIsolated(message.run)
          : message.method === 'encrypt'
            ? await host.cipher.encrypt(message.text)
            : await host.cipher.decrypt(message.text);
      this.worker.postMessage({ type: 'hostReply', id: message.id, ok: true, value } satisfies ToWorker);
    } catch (error) {
      this.worker.postMessage({
        type: 'hostReply',
        id: message.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies ToWorker);
    }
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface HostedCoreOptions extends CoreOptions {
  /** The built worker entry (out/main/coreWorker.js). */
  workerScript: string;
  /** Threads for heavy and long calls beside the one that answers everything else (default 2). */
  backgroundThreads?: number;
}

/**
 * Core in worker threads behind the same interface as an in-process core. One thread (the
 * primary: migrations, seeding, the watcher, thumbnail warming) answers the quick calls; heavy
 * and long-writing operations — as their definitions declare — go to a small pool beside it, so
 * a 5,000-row import or a document preview never keeps a second caller waiting. A thread that
 * dies (out of memory on a hostile file) fails only its own calls and is replaced on next use.
 */
export async function startHostedCore(options: HostedCoreOptions): Promise<Core> {
  const { workerScript, backgroundThreads = 2, host = nodeHost, ...coreOptions } = options;
  const events = new EventBus();
  const start = (role: 'primary' | 'secondary'): WorkerStart => ({
    options: { ...coreOptions, role, autoBackups: false },
    cipherEncrypts: host.cipher.encrypts,
  });
  let primary = new CoreThread(workerScript, start('primary'), host, events, () => undefined);
  const { info, background } = await primary.ready;
  const heavy = new Set(background);
  const pool: CoreThread[] = [];
  let closing = false;

  const primaryThread = (): CoreThread => {
    if (!primary.alive && !closing)
      primary = new CoreThread(workerScript, start('primary'), host, events, () => undefined);
    return primary;
  };
  const backgroundThread = (): CoreThread => {
    for (let i = pool.length - 1; i >= 0; i--) if (!pool[i]!.alive) pool.splice(i, 1);
    const idle = pool.find((t) => t.load === 0);
    if (idle) return idle;
    if (pool.length < backgroundThreads) {
      const thread = new CoreThread(workerScript, start('secondary'), host, events, () => undefined);
      pool.push(thread);
      return thread;
    }
    return pool.reduce((a, b) => (b.load < a.load ? b : a));
  };

  // One background thread is started once the app is up, so the first preview or import does not
  // also pay for loading core (about 2 s of CPU); more start only when calls overlap.
  if (backgroundThreads > 0) {
    const warm = setTimeout(() => !closing && !pool.length && backgroundThread(), 3000);
    warm.unref();
  }

  async function ask(thread: CoreThread, message: Request): Promise<unknown> {
    await thread.ready;
    return thread.request(message);
  }

  async function invoke(name: string, input: unknown, principal: Principal): Promise<Envelope<unknown>> {
    // Checked before it is cloned to a thread: an input nested thousands deep would end the thread.
    if (nestsDeeperThan(input)) return { ok: false, error: { ...TOO_DEEP } };
    try {
      if (name === 'jobs.cancel') {
        // A job runs on whichever thread took it: every thread is asked, and the counts added.
        const threads = [primaryThread(), ...pool.filter((t) => t.alive)];
        const answers = (await Promise.all(
          threads.map((t) => ask(t, { type: 'invoke', name, input, principal })),
        )) as Envelope<{ cancelled: number }>[];
        const refused = answers.find((a) => !a.ok);
        if (refused) return refused;
        return { ok: true, value: { cancelled: answers.reduce((n, a) => n + (a.ok ? a.value.cancelled : 0), 0) } };
      }
      const thread = heavy.has(name) ? backgroundThread() : primaryThread();
      return (await ask(thread, { type: 'invoke', name, input, principal })) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: INTERNAL } };
    }
  }

  async function file(type: 'storedFile' | 'thumbnail', sha256: string): Promise<StoredFile> {
    const stored = (await ask(primaryThread(), { type, sha256 })) as StoredFile | null;
    if (!stored) throw new Error('not found');
    return stored;
  }

  // The schedule lives here, not in the primary thread, so the backup (its hashing, SQLite's check
  // of the copy) runs on a background thread and the window's calls never wait for it.
  const wantsAutoBackups =
    coreOptions.autoBackups ?? (coreOptions.mode === 'desktop' || coreOptions.mode === 'browser');
  const stopAutoBackups = wantsAutoBackups
    ? scheduleAutoBackups(() => invoke('backup.auto', {}, scheduleOf(coreOptions.mode)))
    : undefined;

  return {
    invoke,
    subscribe: (listener: (event: DeskEvent) => void) => events.subscribe(listener),
    storedFile: (sha256) => file('storedFile', sha256),
    thumbnail: (sha256) => file('thumbnail', sha256),
    info,
    close: async () => {
      closing = true;
      stopAutoBackups?.();
      const threads = [primary, ...pool].filter((t) => t.alive);
      await Promise.all(threads.map((t) => t.request({ type: 'close' }).catch(() => undefined)));
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
