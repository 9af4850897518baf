import { createRequire } from 'node:module';
import path from 'node:path';
import type { CoreHost } from '../host/host';

const requirePackage = createRequire(import.meta.url);

export type WordText = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'runaway' };

/**
 * The text of a Word 97–2003 (.doc) file, or of a WPS file saved in the same binary format. The
 * parser is plain JavaScript fed with bytes from strangers, and a crafted file can send it round a
 * sector chain until memory runs out — which a worker thread's resource limits do not contain
 * (V8 takes the whole process down). So the host runs it in a child process with its own heap cap
 * and a deadline (resources/isolated/word-text.cjs); the app only ever sees text or a reason.
 */
export function extractWordText(host: CoreHost, resourcesDir: string, file: string): Promise<WordText> {
  return isolatedText(host, {
    script: path.join(resourcesDir, 'isolated', 'word-text.cjs'),
    args: [requirePackage.resolve('word-extractor'), file],
    heapMb: 192,
    deadlineMs: 15_000,
  });
}

/** A script in resources/isolated that prints `{"text": …}`, run under the host's limits: its text, or why not. */
export async function isolatedText(
  host: CoreHost,
  run: { script: string; args: string[]; heapMb: number; deadlineMs: number },
): Promise<WordText> {
  const result = await host.runIsolated({ ...run, maxOutputBytes: 32 * 1024 ** 2 });
  if (!result.ok) return { ok: false, reason: result.reason === 'runaway' ? 'runaway' : 'unreadable' };
  try {
    return { ok: true, text: (JSON.parse(result.stdout.toString('utf8')) as { text: string }).text };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
