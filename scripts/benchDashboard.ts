/**
 * 概览 in Chromium: first paint of all five charts on a 5,000-unit year (and on 500), from the
 * page asking for the dashboard's data to the last chart's SVG in the DOM, in Debian's Chromium
 * against browser mode. Target: under 1 s at 5,000 units.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { seedYear } from '../tests/support/seedYear';
import { startServer, stopServer } from '../tests/support/server';

const CHARTS = ['chart-daily', 'chart-verdict', 'chart-sector', 'chart-score', 'chart-reviewer'];

async function paintMs(units: number): Promise<{ fromNavigation: number; fromReady: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-dash-'));
  seedYear(dataDir, units, 3);
  const { child, info } = await startServer(dataDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const runs: Array<{ fromNavigation: number; fromReady: number }> = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(info.entryUrl);
      await page.waitForSelector('#root[data-app-state="ready"]');
      const ready = await page.evaluate(() => performance.now());
      await page.waitForFunction(
        (ids) => ids.every((id) => document.querySelector(`[data-testid="${id}"] svg path`)),
        CHARTS,
        { polling: 'raf' },
      );
      const done = await page.evaluate(() => performance.now());
      runs.push({ fromNavigation: done, fromReady: done - ready });
    }
    runs.sort((a, b) => a.fromNavigation - b.fromNavigation);
    return runs[1]!;
  } finally {
    await browser.close();
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchDashboard(): Promise<{ line: string[]; ok: boolean }> {
  const small = await paintMs(500);
  const full = await paintMs(5000);
  const ok = full.fromNavigation < 1000;
  return {
    ok,
    line: [
      `概览图表首次绘制（Chromium，浏览器模式，从打开页面到五张图都画出）：500 个集体 ${small.fromNavigation.toFixed(0)} ms，5000 个集体 ${full.fromNavigation.toFixed(0)} ms（其中程序就绪后 ${full.fromReady.toFixed(0)} ms），目标 < 1000 ms ${ok ? '达标' : '未达标'}`,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchDashboard().then((r) => console.log(r.line.join('\n')));
}
