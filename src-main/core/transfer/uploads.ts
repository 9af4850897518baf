import path from 'node:path';
import { newSlot } from './slots';

/**
 * Browser mode cannot hand core a path: the page uploads each file's bytes, the server streams
 * them here under a random id, and operations name them by id (see refs.ts).
 */
export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

export function newUploadPath(dataDir: string): { id: string; file: string } {
  return newSlot(uploadsDir(dataDir));
}
