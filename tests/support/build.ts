import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Tests of the built shells (CLI, browser mode) need out/; `npm test` builds first, a lone run builds here. */
export function ensureBuilt(): void {
  if (
    ['out/main/cli.js', 'out/main/coreWorker.js', 'out/renderer/index.html'].every((f) =>
      fs.existsSync(path.join(root, f)),
    )
  )
    return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'ignore',
  });
}
