import { app, safeStorage, utilityProcess } from 'electron';
import { collectOutput, type ChildLike, type CoreHost, type IsolatedResult, type IsolatedRun } from '../core/host/host';

/**
 * The desktop's platform services for core. Untrusted parsers run in an Electron utility process
 * (a sandboxed child Electron itself starts), not in the app's binary started as Node — so the
 * RunAsNode fuse stays off. A utility process takes no resource limit, so the memory cap is kept by
 * sampling its working set (Chromium's own process metrics) every 100 ms and stopping it past the
 * cap. Secrets are encrypted with the OS keychain (DPAPI on Windows).
 */
function runIsolated(run: IsolatedRun): Promise<IsolatedResult> {
  return new Promise((resolve) => {
    let child: Electron.UtilityProcess;
    try {
      child = utilityProcess.fork(run.script, run.args, {
        stdio: ['ignore', 'pipe', 'ignore'],
        execArgv: [`--max-old-space-size=${run.heapMb}`],
        serviceName: '组委会工作台文档读取',
        env: {},
      });
    } catch {
      resolve({ ok: false, reason: 'failed' });
      return;
    }
    // Electron reports a V8 fatal error (out of memory) as 'error' before the exit: a runaway file,
    // told to collectOutput as the abort code Node's child would exit with.
    let fatal = false;
    let onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
    child.once('error', () => {
      fatal = true;
      child.kill();
    });
    child.once('exit', (code) => onExit?.(fatal ? 134 : code, null));
    const adapter: ChildLike = {
      stdout: child.stdout,
      kill: () => child.kill(),
      once: ((event: 'exit' | 'error', listener: (code: number | null, signal: NodeJS.Signals | null) => void) => {
        if (event === 'exit') onExit = listener;
      }) as ChildLike['once'],
    };
    const { stop } = collectOutput(adapter, run, (result) => {
      clearInterval(watch);
      resolve(result);
    });
    const watch = setInterval(() => {
      const metric = app.getAppMetrics().find((m) => m.pid === child.pid);
      if (metric && metric.memory.workingSetSize > run.memoryMb * 1024) stop();
    }, 100);
  });
}

export const electronHost: CoreHost = {
  runIsolated,
  cipher: {
    get encrypts() {
      return safeStorage.isEncryptionAvailable();
    },
    encrypt: async (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: async (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  },
};
