import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A file slot named by a random id in one of the data folder's transfer folders (uploads,
 * downloads): callers name files only by id, and the pattern keeps any other path out.
 */
export const SLOT_ID = /^[0-9a-f]{32}$/;

export function newSlot(dir: string): { id: string; file: string } {
  fs.mkdirSync(dir, { recursive: true });
  const id = crypto.randomBytes(16).toString('hex');
  return { id, file: path.join(dir, id) };
}

/** The slot's file, or null for an id that is not one or a slot that no longer exists. */
export function slotFile(dir: string, id: string): string | null {
  if (!SLOT_ID.test(id)) return null;
  const file = path.join(dir, id);
  return fs.existsSync(file) ? file : null;
}
