// `npm start`: the desktop window where Electron can run, browser mode where it cannot.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = require('electron');
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function browserMode(reason) {
  console.log(`${reason}，改用浏览器模式启动。`);
  const child = spawn(process.execPath, [join(root, 'out/main/server.js'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const binary = electronBinary();
const native = join(root, 'native/electron/better_sqlite3.node');
if (!binary) {
  browserMode('未找到 Electron 程序（安装时设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1）');
} else if (
  !existsSync(native) &&
  spawnSync(process.execPath, [join(root, 'scripts/build-electron-native.mjs')], { stdio: 'inherit' }).status !== 0
) {
  browserMode('无法为 Electron 编译数据库模块（npm run native:electron 失败）');
} else {
  const child = spawn(binary, [join(root, 'out/main/index.js'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
