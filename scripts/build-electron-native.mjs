// Builds better-sqlite3 for Electron's ABI into native/electron/, leaving node_modules' Node build
// (used by tests, the CLI and browser mode) untouched. The Electron shell loads it via `nativeBinding`.
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const source = join(root, 'node_modules/better-sqlite3');
const nodeGyp =
  process.env.npm_config_node_gyp ??
  join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');

if (!existsSync(nodeGyp)) {
  console.error(`找不到 node-gyp（${nodeGyp}），请通过 npm run native:electron 运行。`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'desk-native-'));
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });
console.log(`为 Electron ${electronVersion} 编译 better-sqlite3……`);
// A machine-wide `nodedir` (npm config or env) would make node-gyp build against Node's headers
// and silently produce a Node-ABI module; drop it so node-gyp fetches Electron's headers.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_config_nodedir$|^NODEDIR$/i.test(key)),
);
const built = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${join(root, 'native/.electron-gyp')}`,
  ],
  { cwd: work, stdio: 'inherit', env: { ...env, npm_config_nodedir: '' } },
);
if (built.status !== 0) {
  rmSync(work, { recursive: true, force: true });
  console.error('编译失败：需要能访问 electronjs.org 下载 Electron 头文件（本机可能不能联网）。');
  process.exit(1);
}
mkdirSync(join(root, 'native/electron'), { recursive: true });
copyFileSync(join(work, 'build/Release/better_sqlite3.node'), join(root, 'native/electron/better_sqlite3.node'));
rmSync(work, { recursive: true, force: true });
console.log('完成：native/electron/better_sqlite3.node');
