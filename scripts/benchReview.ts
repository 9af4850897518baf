/**
 * Reviewing 50 submissions in a row: how long after the reviewer presses J the next submission's
 * summary and photos are on screen. Runs browser mode on generated data in Debian's Chromium and
 * times each move inside the page, from the key event's own timestamp until the summary shows the new
 * document and every photo is fetched and decoded, plus one frame to paint.
 *
 * The photos are real camera-sized JPEGs (4000 × 3000, drawn and encoded by Chromium itself), each
 * made distinct by a comment segment so no two submissions share a cached image.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { callServer, startServer, stopServer } from '../tests/support/server';
import { makeDocx, writeZip } from '../tests/support/zipWriter';

const MOVES = 50;
const PHOTOS = 5;
const root = path.resolve(import.meta.dirname, '..');

export interface WalkTimes {
  moves: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface ReviewBench {
  /** Thumbnails already made in the background after the import: what a reviewer meets. */
  warm: WalkTimes;
  /** Thumbnails made on first view. */
  cold: WalkTimes;
  photoKb: number;
}

/** Camera-like photos: gradients and thousands of shapes, so the JPEG is as heavy to decode as a real one. */
async function drawPhotos(page: Page): Promise<Buffer[]> {
  const dataUrls = await page.evaluate(async (count) => {
    const out: string[] = [];
    for (let n = 0; n < count; n++) {
      const canvas = document.createElement('canvas');
      canvas.width = 4000;
      canvas.height = 3000;
      const g = canvas.getContext('2d')!;
      const sky = g.createLinearGradient(0, 0, 0, 3000);
      sky.addColorStop(0, `hsl(${n * 60}, 60%, 70%)`);
      sky.addColorStop(1, `hsl(${n * 60 + 40}, 40%, 30%)`);
      g.fillStyle = sky;
      g.fillRect(0, 0, 4000, 3000);
      // No named helpers in here: tsx would wrap them in a __name() the page does not have.
      let seed = n + 1;
      const r = new Float64Array(9);
      for (let i = 0; i < 6000; i++) {
        for (let k = 0; k < r.length; k++) r[k] = (seed = (seed * 16807) % 2147483647) / 2147483647;
        g.fillStyle = `hsla(${r[0]! * 360}, ${30 + r[1]! * 60}%, ${20 + r[2]! * 60}%, ${0.3 + r[3]! * 0.7})`;
        g.beginPath();
        g.ellipse(r[4]! * 4000, r[5]! * 3000, 4 + r[6]! * 80, 4 + r[7]! * 80, r[8]! * 3, 0, Math.PI * 2);
        g.fill();
      }
      out.push(canvas.toDataURL('image/jpeg', 0.9));
    }
    return out;
  }, PHOTOS);
  return dataUrls.map((u) => Buffer.from(u.slice(u.indexOf(',') + 1), 'base64'));
}

/** The same picture with a comment segment after SOI: a different file (hash, URL), the same decode cost. */
function distinct(jpeg: Buffer, tag: string): Buffer {
  const text = Buffer.from(tag, 'utf8');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The summary's text as drawn (inside its shadow root). */
const SUMMARY_TEXT = () => document.querySelector('[data-testid="summary-html"]')?.shadowRoot?.textContent ?? '';

/** Records each key's own timestamp. */
async function instrument(page: Page): Promise<void> {
  await page.getByTestId('summary-html').waitFor();
  await page.getByRole('heading', { name: '评审' }).click();
  await page.evaluate(() => {
    const w = window as unknown as { benchKeyAt: number };
    document.addEventListener('keydown', (e) => (w.benchKeyAt = e.timeStamp), true);
  });
}

/** Presses `key` MOVES times, timing each move until the new summary and all photos are on screen. */
async function walk(page: Page, key: 'j' | 'k'): Promise<WalkTimes> {
  const samples: number[] = [];
  let previous = await page.evaluate(SUMMARY_TEXT);
  for (let i = 0; i < MOVES; i++) {
    await page.keyboard.press(key);
    const { ms, text } = await page.evaluate(
      async ({ prev, count }) => {
        const w = window as unknown as { benchKeyAt: number };
        for (;;) {
          const shown = document.querySelector('[data-testid="summary-html"]')?.shadowRoot?.textContent ?? '';
          const imgs = [...document.querySelectorAll<HTMLImageElement>('[data-testid="evidence"] img')];
          if (
            shown &&
            shown !== prev &&
            imgs.length === count &&
            imgs.every((img) => img.complete && img.naturalWidth > 0)
          ) {
            await Promise.all(imgs.map((img) => img.decode()));
            await new Promise((r) => requestAnimationFrame(r));
            return { ms: performance.now() - w.benchKeyAt, text: shown };
          }
          await new Promise((r) => requestAnimationFrame(r));
        }
      },
      { prev: previous, count: PHOTOS },
    );
    samples.push(ms);
    previous = text;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    moves: samples.length,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1)!,
  };
}

export async function benchReview(): Promise<ReviewBench> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-review-'));
  const dataDir = path.join(work, 'data');
  const zips = path.join(work, 'zips');
  fs.mkdirSync(zips);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const server = await startServer(dataDir);
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const photos = await drawPhotos(page);
    const units = Array.from({ length: MOVES + 1 }, (_, i) => `柳州市第${i + 1}青年文明号集体`);
    for (const [i, unit] of units.entries()) {
      await callServer(server.info, 'units.create', { name: unit, sectorId: 1 + (i % 6) });
      const summary = `${unit}2022年度创建工作总结。`.padEnd(
        2400,
        '全年组织化专题学习五次，开展志愿服务与岗位练兵，服务群众满意率持续提升。',
      );
      fs.writeFileSync(
        path.join(zips, `${unit}.zip`),
        writeZip([
          { name: `${unit}/2022年度工作总结.docx`, data: makeDocx(summary, 30_000), deflate: true },
          ...photos.map((p, n) => ({ name: `${unit}/活动照片${n + 1}.jpg`, data: distinct(p, `${unit}-${n}`) })),
        ]),
      );
    }
    const imported = spawnSync(
      process.execPath,
      [path.join(root, 'out/main/cli.js'), '--data', dataDir, 'import', zips, '--json'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 },
    );
    if (imported.status !== 0) throw new Error(`desk import failed: ${imported.stderr}`);

    await page.goto(server.info.entryUrl);
    await page.evaluate(() => (location.hash = '#/review'));
    await page.locator('#root[data-app-state="ready"]').waitFor();
    await page.getByRole('button', { name: '新增评审人' }).click();
    await page.getByLabel('新评审人姓名').fill('测速评审人');
    await page.getByLabel('新评审人姓名').press('Enter');
    await instrument(page);

    // As the running app does after an import: photo thumbnails and the summaries' previews made in
    // the background first.
    const thumbs = path.join(dataDir, 'cache', 'thumbs');
    const previews = path.join(dataDir, 'cache', 'previews');
    const count = (dir: string) =>
      fs.existsSync(dir) ? fs.readdirSync(dir).reduce((n, d) => n + fs.readdirSync(path.join(dir, d)).length, 0) : 0;
    const countThumbs = () => count(thumbs);
    const warmStart = Date.now();
    while (countThumbs() < units.length * PHOTOS || count(previews) < units.length) {
      if (Date.now() - warmStart > 180_000)
        throw new Error('thumbnails and previews were not made in the background within 3 minutes');
      await new Promise((r) => setTimeout(r, 200));
    }
    const warm = await walk(page, 'j');
    // Thumbnails and previews cleared and the browser's cache off: walking back makes each one on first
    // view (the worst case: a reader process started per summary).
    fs.rmSync(thumbs, { recursive: true, force: true });
    fs.rmSync(previews, { recursive: true, force: true });
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.reload();
    await page.locator('#root[data-app-state="ready"]').waitFor();
    await instrument(page);
    const cold = await walk(page, 'k');
    if (countThumbs() < MOVES * PHOTOS)
      throw new Error(`the cold walk made ${countThumbs()} thumbnails, not ${MOVES * PHOTOS}: the measurement is void`);
    return { warm, cold, photoKb: photos[0]!.length / 1024 };
  } finally {
    await browser.close();
    await stopServer(server.child);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  benchReview()
    .then((r) => console.log(JSON.stringify(r)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
