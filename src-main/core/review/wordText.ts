import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const requirePackage = createRequire(import.meta.url);

const HEAP_MB = 192;
const DEADLINE_MS = 15_000;
const MAX_OUTPUT = 32 * 1024 ** 2;

// Run by a separate process: word-extractor reads the OLE compound file and prints the text as JSON
// (filterUnicode off: its default turns Chinese “” quotes into ASCII ones).
const CHILD_SOURCE = `
const WordExtractor = require(process.argv[1]);
new WordExtractor().extract(process.argv[2]).then(
  (doc) => process.stdout.write(JSON.stringify({ text: doc.getBody({ filterUnicode: false }) })),
  () => process.exit(3),
);
`;

export type WordText = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'runaway' };

/**
 * The text of a Word 97–2003 (.doc) file, or of a WPS file saved in the same binary format. The
 * parser is plain JavaScript fed with bytes from strangers, and a crafted file can send it round a
 * sector chain until memory runs out — which a worker thread's resource limits do not contain
 * (V8 takes the whole process down). So it runs in a child process with its own heap cap and a
 * deadline; the app only ever sees text or a reason. In Electron the child is the app's own binary
 * running as Node.
 */
export function extractWordText(file: string): Promise<WordText> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '-e', CHILD_SOURCE, requirePackage.resolve('word-extractor'), file], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let runaway = false;
    const stop = () => {
      runaway = true;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(stop, DEADLINE_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) return stop();
      chunks.push(chunk);
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ ok: false, reason: 'unreadable' });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && !runaway) {
        try {
          return resolve({ ok: true, text: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string }).text });
        } catch {
          return resolve({ ok: false, reason: 'unreadable' });
        }
      }
      // Out of memory ends the child with a V8 abort (a signal), not with an ordinary exit code.
      resolve({ ok: false, reason: runaway || signal !== null || (code ?? 0) >= 128 ? 'runaway' : 'unreadable' });
    });
  });
}
