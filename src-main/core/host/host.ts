import { spawn } from 'node:child_process';

/** A script run in its own process because it parses strangers' bytes (see documents/reader.ts). */
export interface IsolatedRun {
  /** An absolute path to a plain-Node CommonJS script. */
  script: string;
  args: string[];
  heapMb: number;
  /**
   * All the memory the process may hold — JS heap, ArrayBuffers, the parser's native buffers. Where
   * the platform allows (Linux: RLIMIT_DATA) an allocation past it fails inside the child; elsewhere
   * the host samples the child's memory and stops it past this.
   */
  memoryMb: number;
  deadlineMs: number;
  maxOutputBytes: number;
}

/** What became of it: its stdout, or why there is none. */
export type IsolatedResult = { ok: true; stdout: Buffer } | { ok: false; reason: 'failed' | 'runaway' };

/** Secrets the app keeps for the person (mailbox 授权码): encrypted by the platform where it can. */
export interface SecretCipher {
  /** Whether the platform encrypts (Electron safeStorage); false: the store keeps plain text in a 0600 file. */
  readonly encrypts: boolean;
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

/**
 * What only the platform can give core, injected by the shell: Node's own child_process for the
 * CLI and browser mode; Electron's utilityProcess and safeStorage on the desktop (where RunAsNode
 * is fused off, so the app's binary can no longer be started as plain Node).
 */
export interface CoreHost {
  runIsolated(run: IsolatedRun): Promise<IsolatedResult>;
  cipher: SecretCipher;
}

/**
 * The command that starts the child. On Linux the shell sets RLIMIT_DATA before it becomes Node:
 * that limit counts every private writable mapping (V8's heap, ArrayBuffers, malloc), so a PDF
 * stream inflating to a gigabyte fails its allocation instead of taking the machine's memory; file
 * mappings (Node's own code, ~50 MB) are outside it, so the cap leaves room for them.
 */
function command(run: IsolatedRun): [string, string[]] {
  const node = [process.execPath, `--max-old-space-size=${run.heapMb}`, run.script, ...run.args];
  if (process.platform !== 'linux') return [node[0]!, node.slice(1)];
  const dataKb = Math.max(64, run.memoryMb - 50) * 1024;
  return ['/bin/sh', ['-c', 'ulimit -d "$0" && exec "$@"', String(dataKb), ...node]];
}

/** The plain-Node host: a child `node` process with a memory cap and a deadline. */
function nodeRunIsolated(run: IsolatedRun): Promise<IsolatedResult> {
  return new Promise((resolve) => {
    const [file, args] = command(run);
    const child = spawn(file, args, {
      // Not the parent's environment: NODE_OPTIONS could undo the heap cap, and the child needs nothing from it.
      env: { PATH: process.env.PATH ?? '', SYSTEMROOT: process.env.SYSTEMROOT ?? '' },
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
    collectOutput(child, run, resolve);
  });
}

/** The part of a child process (Node's or Electron's utility process) the limits need. */
export interface ChildLike {
  stdout: NodeJS.ReadableStream | null;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit', listener: (code: number | null, signal?: NodeJS.Signals | null) => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
}

/** Gathers a child's stdout within the limits, once it has both exited and closed its output. */
export function collectOutput(
  child: ChildLike,
  run: IsolatedRun,
  resolve: (result: IsolatedResult) => void,
): { stop: () => void } {
  const chunks: Buffer[] = [];
  let size = 0;
  let runaway = false;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  let ended = child.stdout === null;
  let settled = false;
  const finish = (result: IsolatedResult) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    resolve(result);
  };
  const judge = () => {
    if (!exit || !ended) return;
    if (exit.code === 0 && !runaway) return finish({ ok: true, stdout: Buffer.concat(chunks) });
    // Out of memory ends the child with a V8 abort (a signal or a code of 128 and up), not an ordinary exit;
    // 4 is the scripts' own "past my limits" (an allocation the cap refused, a part too large to convert).
    const over = exit.signal !== null || exit.code === 4 || (exit.code ?? 0) >= 128;
    finish({ ok: false, reason: runaway || over ? 'runaway' : 'failed' });
  };
  const stop = () => {
    runaway = true;
    child.kill('SIGKILL');
  };
  const timer = setTimeout(stop, run.deadlineMs);
  child.stdout?.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > run.maxOutputBytes) return stop();
    chunks.push(chunk);
  });
  child.stdout?.on('end', () => ((ended = true), judge()));
  child.stdout?.on('close', () => ((ended = true), judge()));
  child.once('error', () => finish({ ok: false, reason: 'failed' }));
  child.once('exit', (code, signal) => {
    exit = { code, signal: signal ?? null };
    judge();
  });
  return { stop };
}

/** Browser mode and the CLI have no keychain to ask: see secrets.ts for what they do instead. */
export const plainCipher: SecretCipher = {
  encrypts: false,
  encrypt: async (plain) => plain,
  decrypt: async (stored) => stored,
};

export const nodeHost: CoreHost = { runIsolated: nodeRunIsolated, cipher: plainCipher };
