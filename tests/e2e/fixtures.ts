import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';
import { ensureBuilt, root } from '../support/build';

export interface DeskApp {
  url: string;
  entryUrl: string;
  token: string;
  dataDir: string;
  /** Calls an operation over HTTP the way the renderer does, for test set-up only. */
  call<T = unknown>(name: string, input?: unknown): Promise<T>;
}

export async function startServer(dataDir: string): Promise<{ child: ChildProcess; info: { url: string; entryUrl: string; token: string } }> {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(root, 'out/main/server.js'), '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const info = await new Promise<{ url: string; entryUrl: string; token: string }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, info };
}

/** Calls an operation of a browser-mode server directly (test set-up). */
export async function callServer<T>(info: { url: string; token: string }, name: string, input?: unknown): Promise<T> {
  const response = await fetch(`${info.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': info.token },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
  return envelope.value;
}

/** Each test: its own data folder, its own browser-mode server, a page waiting on the readiness marker. */
export const test = base.extend<{ app: DeskApp; openApp: (hash?: string) => Promise<Page> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures without dependencies
  app: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
    const { child, info } = await startServer(dataDir);
    const call = <T,>(name: string, input?: unknown): Promise<T> => callServer<T>(info, name, input);
    await use({ ...info, dataDir, call });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  openApp: async ({ page, app }, use) => {
    await use(async (hash = '') => {
      await page.goto(app.entryUrl);
      if (hash) await page.evaluate((h) => (location.hash = h), hash);
      await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
      return page;
    });
  },
});

export { expect };

export const screenshotDir = path.join(root, 'test-results', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}
