import fs from 'node:fs';
import path from 'node:path';

/**
 * Browser mode keeps its port between starts (in the data folder's `browser.json`), so the
 * address the office bookmarked or finds in the browser's history tomorrow is the same one; only
 * the access token changes, as it must. Another program on that port: a free one, remembered.
 */
function portFile(dataDir: string): string {
  return path.join(dataDir, 'browser.json');
}

export function savedPort(dataDir: string): number | null {
  try {
    const port = (JSON.parse(fs.readFileSync(portFile(dataDir), 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 1024 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

function savePort(dataDir: string, port: number): void {
  try {
    fs.writeFileSync(portFile(dataDir), `${JSON.stringify({ port })}\n`);
  } catch {
    // A read-only folder: the next start takes another port, nothing worse.
  }
}

/** Starts on the asked port, else the remembered one, else any free one. */
export async function startOnKnownPort<T extends { port: number }>(
  dataDir: string,
  asked: number | null,
  start: (port: number) => Promise<T>,
): Promise<T> {
  if (asked !== null) return start(asked);
  const known = savedPort(dataDir);
  let server: T;
  try {
    server = await start(known ?? 0);
  } catch (error) {
    if (known === null || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    server = await start(0);
  }
  savePort(dataDir, server.port);
  return server;
}
