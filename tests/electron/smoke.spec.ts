import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';
import { ensureBuilt, root } from '../support/build';

const require = createRequire(import.meta.url);

/** Where the Electron binary is: `require('electron')` throws when the download was skipped. */
function electronBinary(): string | null {
  try {
    const binary = require('electron') as unknown as string;
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const nativeBuild = path.join(root, 'native', 'electron', 'better_sqlite3.node');

test('the desktop window opens on the roster page', async () => {
  test.skip(
    !binary,
    'The Electron binary is not installed on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); this test runs wherever it is.',
  );
  test.skip(
    !fs.existsSync(nativeBuild),
    'better-sqlite3 has not been built for Electron here; run `npm run native:electron` (needs Electron headers) and this test runs.',
  );
  ensureBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [path.join(root, 'out/main/index.js'), '--data', dataDir, '--no-sandbox'],
  });
  try {
    const window = await app.firstWindow();
    await window.evaluate(() => (location.hash = '#/roster'));
    await expect(window.locator('#root[data-app-state="ready"]')).toBeVisible();
    await expect(window.getByRole('heading', { name: '集体名册' })).toBeVisible();
    // The page sees only the two bridged functions, never Node or ipcRenderer.
    expect(await window.evaluate(() => Object.keys((window as unknown as { desk: object }).desk).sort())).toEqual([
      'invoke',
      'onEvent',
    ]);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    fs.mkdirSync(path.join(root, 'test-results', 'screenshots'), { recursive: true });
    await window.screenshot({ path: path.join(root, 'test-results', 'screenshots', 'electron-roster.png') });
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
