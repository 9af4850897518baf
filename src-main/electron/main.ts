import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, protocol } from 'electron';
import { DESKTOP_OFFICE } from '../common/principal';
import type { Core } from '../core';
import { resolveDataDir } from '../core/dataFolder/dataDir';
import { flagValue } from '../transport/args';
import { fail } from '../core/contract/errors';
import { startHostedCore } from '../hosting/hostedCore';
import { RENDERER_CSP } from '../transport/csp';
import { resolveStatic } from '../transport/static';
import { artifactResponse, openStoredFile, saveArtifact, storedFileResponse } from './files';
import { electronHost } from './host';
import { installMenu } from './menu';
import { reviewDayGate } from '../transport/http/reviewDayGate';
import { APP_ORIGIN, isTrustedFrame, lockDown } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const dataDir = resolveDataDir(flagValue(process.argv, 'data'));
// Same folder as browser mode and the CLI: Electron's own caches live beside the database.
app.setPath('userData', dataDir);

protocol.registerSchemesAsPrivileged([
  { scheme: 'desk', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/**
 * In development node_modules holds better-sqlite3 built for Node (tests, CLI, browser mode);
 * `npm run native:electron` builds a second copy for Electron's ABI under native/electron.
 * A packaged app has its dependencies rebuilt for Electron by electron-builder, so needs none.
 */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const candidate = path.join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}

let core: Core | null = null;
let gate: ReturnType<typeof reviewDayGate> | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1180,
    minHeight: 720,
    title: '组委会工作台',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // The only plugin modern Electron has is Chromium's built-in PDF viewer: a PDF work summary
      // is shown in the evidence pane (served from desk://app/files/<hash>, inline, no script).
      plugins: true,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  // A second copy on the same data folder would fight the first over it: hand over and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.whenReady().then(async () => {
    try {
      // Core runs in worker threads: this process only forwards, so the window never freezes.
      core = await startHostedCore({
        dataDir,
        version: app.getVersion(),
        mode: 'desktop',
        nativeBinding: nativeBinding(),
        resourcesDir: app.isPackaged ? process.resourcesPath : undefined,
        host: electronHost,
        workerScript: path.join(here, 'coreWorker.js'),
        intakeThread: path.join(here, 'intakeThread.js'),
        verifyThread: path.join(here, 'verifyThread.js'),
      });
    } catch (error) {
      dialog.showErrorBox(
        '组委会工作台无法启动',
        `无法打开数据文件夹 ${dataDir}：${error instanceof Error ? error.message : String(error)}`,
      );
      app.quit();
      return;
    }
    lockDown();
    protocol.handle('desk', async (request) => {
      const url = new URL(request.url);
      if (url.host === 'app' && url.pathname.startsWith('/files/'))
        return storedFileResponse(core!, url.pathname.slice('/files/'.length), {
          thumb: url.searchParams.has('thumb'),
          download: url.searchParams.has('download'),
        });
      if (url.host === 'app' && url.pathname.startsWith('/downloads/')) return artifactResponse(core!, url);
      const target = url.host === 'app' ? resolveStatic(rendererDir, url.pathname) : null;
      if (!target) return new Response('未找到', { status: 404 });
      const file = await net.fetch(pathToFileURL(target.file).toString());
      return new Response(file.body, {
        headers: { 'content-type': target.type, 'content-security-policy': RENDERER_CSP },
      });
    });
    ipcMain.handle('desk:invoke', async (event, name: unknown, input: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) return fail('forbidden', '拒绝访问：请求不是来自本应用的页面。');
      if (typeof name !== 'string' || name.length > 100) return fail('invalid-input', '操作名无效');
      return core!.invoke(name, input, DESKTOP_OFFICE);
    });
    ipcMain.handle('desk:open-file', async (event, sha256: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) return fail('forbidden', '拒绝访问');
      if (typeof sha256 !== 'string') return fail('invalid-input', '文件编号无效');
      return openStoredFile(core!, sha256);
    });
    ipcMain.handle('desk:save-artifact', async (event, id: unknown, fileName: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) return fail('forbidden', '拒绝访问');
      if (typeof id !== 'string' || typeof fileName !== 'string' || fileName.length > 260)
        return fail('invalid-input', '导出文件无效');
      return saveArtifact(core!, BrowserWindow.fromWebContents(event.sender), id, fileName);
    });
    core.subscribe((event) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send('desk:event', event);
    });
    // 集中评审 from the desktop too: while core says a review day is on, reviewers' browsers reach the
    // day's address; nothing listens otherwise (the office's own window stays on IPC).
    gate = reviewDayGate(core, { rendererDir });
    installMenu(() => mainWindow);
    createWindow();
  });

  app.on('window-all-closed', () => {
    void (gate?.close() ?? Promise.resolve()).then(() => core?.close()).finally(() => app.quit());
  });
}
