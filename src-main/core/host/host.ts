import { spawn } from 'node:child_process';

/** A script run in its own process because it parses strangers' bytes (see review/wordText.ts). */
export interface IsolatedRun {
  /** An absolute path to a plain-Node CommonJS script. */
  script: string;
  args: string[];
  heapMb: number;
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

/** The plain-Node host: a child `node` process with a capped heap and a deadline. */
function nodeRunIsolated(run: IsolatedRun): Promise<IsolatedResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${run.heapMb}`, run.script, ...run.args], {
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
export function collectOutput(child: ChildLike, run: IsolatedRun, resolve: (result: IsolatedResult) => void): void {
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
    // Out of memory ends the child with a V8 abort (a signal or a code of 128 and up), not an ordinary exit.
    finish({ ok: false, reason: runaway || exit.signal !== null || (exit.code ?? 0) >= 128 ? 'runaway' : 'failed' });
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
}

/** Browser mode and the CLI have no keychain to ask: see secrets.ts for what they do instead. */
export const plainCipher: SecretCipher = {
  encrypts: false,
  encrypt: async (plain) => plain,
  decrypt: async (stored) => stored,
};

export const nodeHost: CoreHost = { runIsolated: nodeRunIsolated, cipher: plainCipher };
