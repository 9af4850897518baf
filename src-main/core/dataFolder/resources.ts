import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the app's resources folder (migrations, fonts, isolated scripts). Packaged Electron passes
 * process.resourcesPath explicitly; from source or from out/main we walk up to the project root.
 */
export function findResourcesDir(explicit?: string): string {
  if (explicit) return explicit;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'migrations', 'meta', '_journal.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('resources/migrations not found next to the application');
}
