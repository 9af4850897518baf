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

/** A slot unused this long is forgotten: no upload waits a day for its import, no download a day for delivery. */
const SLOT_LIFETIME_MS = 24 * 3_600_000;
const TEMP = /^\.([0-9a-f]{32})\.(\d+)\.tmp$/;

/**
 * Slots older than a day (an upload whose page was closed, an export nobody saved) and a killed
 * writer's temporary file (`.<id>.<pid>.tmp`, its process gone). Anything else in the folder is
 * left alone. The start-up sweep and 数据检查 remove them (see dataFolder/leftovers).
 */
export function staleSlots(
  dir: string,
  alive: (pid: number) => boolean,
  now = Date.now(),
  lifetimeMs = SLOT_LIFETIME_MS,
): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const stale: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const temp = TEMP.exec(name);
    try {
      if (
        temp
          ? !alive(Number(temp[2])) || now - fs.statSync(file).mtimeMs > lifetimeMs
          : SLOT_ID.test(name) && now - fs.statSync(file).mtimeMs > lifetimeMs
      )
        stale.push(file);
    } catch {
      // Gone meanwhile.
    }
  }
  return stale;
}
