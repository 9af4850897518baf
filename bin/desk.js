#!/usr/bin/env node
// The `desk` command: runs the built CLI, building it first on a fresh checkout.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('首次运行，正在构建……\n');
  const built = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (built.status !== 0) {
    process.stderr.write('构建失败，请先运行 npm run build\n');
    process.exit(2);
  }
}
await import(new URL(`file://${cli}`).href);
