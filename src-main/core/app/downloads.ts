import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Files the app made for the user to download in browser mode (exports, packages), by random id. */
function downloadsDir(dataDir: string): string {
  return path.join(dataDir, 'downloads');
}

export function newDownloadPath(dataDir: string): { id: string; file: string } {
  const dir = downloadsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const id = crypto.randomBytes(16).toString('hex');
  return { id, file: path.join(dir, id) };
}

/** A prepared download by id, or null; the id pattern keeps any other path out. */
export function downloadPath(dataDir: string, id: string): string | null {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const file = path.join(downloadsDir(dataDir), id);
  return fs.existsSync(file) ? file : null;
}

/**
 * Runs an export that writes to a path into a fresh download slot: the browser-mode twin of every
 * path operation. The result keeps what the export reported, with the slot's id instead of a path.
 */
export async function asDownload<T extends object>(dataDir: string, run: (file: string) => T | Promise<T>): Promise<Omit<T, 'file'> & { downloadId: string }> {
  const { id, file } = newDownloadPath(dataDir);
  const result = await run(file);
  const { file: _file, ...rest } = result as T & { file?: unknown };
  return { ...(rest as Omit<T, 'file'>), downloadId: id };
}
