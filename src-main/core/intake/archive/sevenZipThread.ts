import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one run of 7-Zip said: its console lines, its error lines and how it ended. */
export interface SevenZipResult {
  lines: string[];
  errors: string[];
  /** 7-Zip's exit code (0 fine, 1 warning, 2 error); null when it aborted without one. */
  exitCode: number | null;
  /** 7-Zip threw out of main (its WASM build cannot catch its own header exceptions). */
  aborted: boolean;
  /** A listing stopped at `maxItems`: the archive names more entries than that (the lines end there). */
  overflow?: boolean;
}

/** Bytes 7-Zip may have decoded ahead of what intake has written: the memory one run can hold. */
const IN_FLIGHT = 8 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/*
 * 7-Zip's WASM build runs main() synchronously, so it gets a thread of its own: core's thread keeps
 * answering while a 2 GB archive unpacks, and cancel can stop it mid-file. The thread is a small
 * plain-JS program (vite would otherwise need a second worker entry for one file, and vitest
 * cannot start a TypeScript worker); what it does is only this:
 * - the archive's folder is mounted read-only through NODEFS (a private folder holding only the
 *   archive and, for a multi-volume set, its parts, under names we chose);
 * - 7-Zip's stdout (`-so`) is replaced by a writer that batches the decoded bytes into 1 MB
 *   chunks and posts them, waiting (Atomics) while more than IN_FLIGHT bytes are unread;
 * - the clock reads UTC, so printed times do not depend on the office PC's time zone.
 */
const THREAD = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
Date.prototype.getTimezoneOffset = function () { return 0; };
const SevenZip = require(workerData.modulePath);
const credit = new Int32Array(workerData.shared);
const lines = [];
const errors = [];
// A listing holds every line 7-Zip prints; past maxItems entries (the first Path is the archive
// itself) it keeps nothing more, so 100,000 names never become 100,000 parsed items. (Throwing out
// of print to stop 7-Zip early does not work: its C++ catches the exception and carries on.)
let paths = 0;
let overflow = false;
function print(line) {
  if (overflow) return;
  if (workerData.maxItems && line.startsWith('Path = ') && ++paths > workerData.maxItems + 1) {
    overflow = true;
    lines.length = 0;
    return;
  }
  lines.push(line);
}
let batch = [];
let batched = 0;
function post() {
  if (!batched) return;
  let inFlight;
  while ((inFlight = Atomics.load(credit, 0)) > ${IN_FLIGHT}) {
    if (Atomics.load(credit, 1)) throw new Error('stopped');
    Atomics.wait(credit, 0, inFlight, 1000);
  }
  if (Atomics.load(credit, 1)) throw new Error('stopped');
  const chunk = Buffer.concat(batch, batched);
  Atomics.add(credit, 0, chunk.length);
  parentPort.postMessage({ type: 'chunk', chunk }, [chunk.buffer]);
  batch = [];
  batched = 0;
}
SevenZip({ print, printErr: (l) => errors.push(l), stdin: () => null }).then((sz) => {
  sz.FS.mkdir('/in');
  sz.FS.mount(sz.NODEFS, { root: workerData.dir }, '/in');
  if (workerData.stream) {
    const out = sz.FS.getStream(1);
    out.stream_ops = Object.assign({}, out.stream_ops, {
      write(stream, buffer, offset, length) {
        batch.push(Buffer.from(buffer.subarray(offset, offset + length)));
        batched += length;
        if (batched >= ${CHUNK}) post();
        return length;
      },
    });
  }
  let exitCode = null;
  let aborted = false;
  try {
    exitCode = sz.callMain(workerData.args);
    post();
  } catch (error) {
    aborted = true;
  }
  parentPort.postMessage({ type: 'done', lines: overflow ? [] : lines, errors, exitCode: typeof exitCode === 'number' ? exitCode : null, aborted, overflow });
}, (error) => parentPort.postMessage({ type: 'done', lines, errors: [String(error)], exitCode: null, aborted: true }));
`;

const modulePath = createRequire(import.meta.url).resolve('7z-wasm');

type FromThread = { type: 'chunk'; chunk: Uint8Array } | ({ type: 'done' } & SevenZipResult);

/**
 * One 7-Zip run over the archive(s) in `dir`. With `stream`, the bytes it writes to stdout are read
 * in order through `read()`; `result` settles when 7-Zip has finished (or was stopped).
 */
export class SevenZipRun {
  readonly result: Promise<SevenZipResult>;
  private readonly worker: Worker;
  private readonly credit: Int32Array;
  private readonly chunks: Buffer[] = [];
  private waiting: (() => void) | null = null;
  private finished = false;

  constructor(dir: string, args: string[], stream: boolean, maxItems = 0) {
    const shared = new SharedArrayBuffer(8);
    this.credit = new Int32Array(shared);
    this.worker = new Worker(THREAD, { eval: true, workerData: { modulePath, dir, args, stream, shared, maxItems } });
    this.result = new Promise((resolve) => {
      const end = (result: SevenZipResult) => {
        this.finished = true;
        this.wake();
        resolve(result);
        void this.worker.terminate();
      };
      this.worker.on('message', (message: FromThread) => {
        if (message.type === 'chunk') {
          this.chunks.push(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
          this.wake();
        } else end(message);
      });
      this.worker.on('error', (error) => end({ lines: [], errors: [error.message], exitCode: null, aborted: true }));
      this.worker.on('exit', () => end({ lines: [], errors: ['7-Zip 线程意外退出'], exitCode: null, aborted: true }));
    });
  }

  /** The next decoded bytes, at most `max`; null once 7-Zip has written everything. */
  async read(max: number): Promise<Buffer | null> {
    while (this.chunks.length === 0) {
      if (this.finished) return null;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    const head = this.chunks[0]!;
    const taken = head.length <= max ? this.chunks.shift()! : head.subarray(0, max);
    if (taken !== head) this.chunks[0] = head.subarray(max);
    Atomics.sub(this.credit, 0, taken.length);
    Atomics.notify(this.credit, 0);
    return taken;
  }

  /** Stops 7-Zip wherever it is (cancel, a refused entry); nothing it wrote is kept. */
  stop(): void {
    Atomics.store(this.credit, 1, 1);
    Atomics.notify(this.credit, 0);
    this.chunks.length = 0;
    void this.worker.terminate();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }
}

/** Runs 7-Zip to the end and returns what it printed (listing, testing); a listing stops past `maxItems` entries. */
export function runSevenZip(dir: string, args: string[], maxItems = 0): Promise<SevenZipResult> {
  return new SevenZipRun(dir, args, false, maxItems).result;
}
