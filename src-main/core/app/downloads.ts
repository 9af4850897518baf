import path from 'node:path';
import { newSlot, slotFile } from './slots';

/** Files the app made for the user to download in browser mode (exports, packages), by random id. */
function downloadsDir(dataDir: string): string {
  return path.join(dataDir, 'downloads');
}

export function newDownloadPath(dataDir: string): { id: string; file: string } {
  return newSlot(downloadsDir(dataDir));
}

/** A prepared download by id, or null. */
export function downloadPath(dataDir: string, id: string): string | null {
  return slotFile(downloadsDir(dataDir), id);
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
