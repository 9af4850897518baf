import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import { DeskError } from '../contract/errors';
import { mailViewOf, type MailParts } from '../mail/partsView';
import type { Unit } from '../roster/units';
import { prepareOne } from './intake';
import type { IntakeLimits } from './limits';
import { Rejection } from './rejection';
import type { Prepared, Ready } from './rows';

/** What the intake thread is started with: everything prepareOne needs except the message. */
export interface ThreadStart {
  dataDir: string;
  campaign: Campaign;
  roster: Unit[];
  limits: IntakeLimits;
}

export interface ThreadJob {
  id: number;
  label: string;
  parts: MailParts;
}

/** A Prepared as it crosses threads: an Error's class does not survive the copy, its code and words do. */
export type WirePrepared =
  Ready | { source: Ready['source']; rejection: { code: Rejection['code']; message: string }; unitId?: number | null };

export type ThreadReply = { id: number; prepared: WirePrepared | null } | { id: number; failed: string };

export function toWire(prepared: Prepared): WirePrepared {
  const source = { kind: prepared.source.kind, label: prepared.source.label };
  if ('rejection' in prepared)
    return {
      source,
      rejection: { code: prepared.rejection.code as Rejection['code'], message: prepared.rejection.message },
      unitId: prepared.unitId ?? null,
    };
  return { ...prepared, source };
}

/**
 * A Buffer crosses threads as a plain Uint8Array, whose toString() lists numbers: give it Buffer's methods back (no
 * copy).
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function partsFromWire(parts: MailParts): MailParts {
  return {
    header: asBuffer(parts.header),
    bodies: parts.bodies.map((b) => ({ ...b, mime: asBuffer(b.mime), body: asBuffer(b.body) })),
  };
}

function fromWire(wire: WirePrepared): Prepared {
  if ('rejection' in wire)
    return {
      source: wire.source,
      rejection: new Rejection(wire.rejection.code, wire.rejection.message),
      unitId: wire.unitId ?? null,
    };
  for (const f of [...wire.files, ...wire.contents.files]) f.head = asBuffer(f.head);
  return wire;
}

/**
 * One mail, from its fetched parts to a Prepared (null: the header cannot be read, so the caller reads the raw source).
 */
export async function prepareMail(
  start: ThreadStart,
  store: CoreContext['store'],
  job: Omit<ThreadJob, 'id'>,
  signal: AbortSignal,
): Promise<Prepared | null> {
  const mail = await mailViewOf(job.parts);
  if (!mail) return null;
  return prepareOne(start.campaign, start.roster, store, { kind: 'eml', label: job.label, mail }, signal, start.limits);
}

/** A Buffer's memory can be handed over only when it owns all of it (not a slice of Node's shared pool). */
function ownsMemory(buffer: Buffer): boolean {
  return (
    buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength && buffer.buffer instanceof ArrayBuffer
  );
}

/**
 * Prepares mailbox messages — decoding, unpacking, checking, hashing and storing their files — on
 * a thread of their own, so the fetching thread only talks to the server and writes rows: on two
 * cores the next message downloads while this one is unpacked. The rows stay on the caller's
 * thread, which holds the write lock. Without a built thread script the same runs in-thread.
 */
export class MailPreparer {
  private workers: Worker[] = [];
  /** The messages handed to a thread and not yet answered: settled by its reply, or failed with it. */
  private readonly waiting = new Map<
    number,
    { resolve: (p: Prepared | null) => void; reject: (e: unknown) => void; job: Promise<Prepared | null> }
  >();
  private nextId = 1;
  /** How many messages may be in preparation at once: one per thread, or one in-thread. */
  readonly depth: number;

  constructor(
    private readonly ctx: CoreContext,
    private readonly start: ThreadStart,
    private readonly signal: AbortSignal,
  ) {
    const script = ctx.intakeThread;
    // One thread per two cores beyond the first pair: the mail server runs on this machine too, and on
    // two cores a second intake thread measured slower (6.1 s against 5.6 s for 60 messages) and larger.
    const threads = Math.max(1, Math.floor(os.availableParallelism() / 2));
    if (script && fs.existsSync(script))
      this.workers = Array.from({ length: Math.min(threads, 4) }, () => this.spawn(script));
    this.depth = Math.max(1, this.workers.length);
  }

  private spawn(script: string): Worker {
    const worker = new Worker(script, { workerData: this.start });
    worker.on('message', (reply: ThreadReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!waiter) return;
      if ('failed' in reply)
        waiter.reject(
          new DeskError('internal', `读取邮件附件时出错（${reply.failed}）。请稍后再试；已收下的邮件不会丢。`),
        );
      else waiter.resolve(reply.prepared ? fromWire(reply.prepared) : null);
    });
    const fail = (error: unknown) => {
      // Cancelling ends the thread: what it was reading is not kept (its stored bytes have no rows and are swept).
      for (const waiter of this.waiting.values())
        waiter.reject(this.signal.aborted ? new DeskError('cancelled', '已取消') : error);
      this.waiting.clear();
      this.workers = [];
    };
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new DeskError('internal', `读取邮件附件的线程意外结束（${code}）。请稍后再试；已收下的邮件不会丢。`)),
    );
    return worker;
  }

  prepare(label: string, parts: MailParts): Promise<Prepared | null> {
    const id = this.nextId++;
    const worker = this.workers[id % Math.max(1, this.workers.length)];
    if (!worker) return prepareMail(this.start, this.ctx.store, { label, parts }, this.signal);
    const transfer = [parts.header, ...parts.bodies.flatMap((b) => [b.mime, b.body])]
      .filter(ownsMemory)
      .map((b) => b.buffer as ArrayBuffer);
    let settle!: { resolve: (p: Prepared | null) => void; reject: (e: unknown) => void };
    const job = new Promise<Prepared | null>((resolve, reject) => (settle = { resolve, reject }));
    this.waiting.set(id, { ...settle, job });
    worker.postMessage({ id, label, parts } satisfies ThreadJob, [...new Set(transfer)]);
    return job;
  }

  /**
   * Lets the messages in hand finish (a second or two; their files land in the store, without rows
   * after a cancel, and are swept at the next start) before ending the threads: ended mid-write, a
   * thread would leave a half-written temporary file behind.
   */
  async close(): Promise<void> {
    const grace = new Promise((resolve) => setTimeout(resolve, 30_000).unref());
    await Promise.race([Promise.allSettled([...this.waiting.values()].map((w) => w.job)), grace]);
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
