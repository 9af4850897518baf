import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ThumbnailCache, THUMB_SIZE } from '../../src-main/core/store/thumbnails';
import { fakePhoto, makeDocx, pngClaiming, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, localFiles } from './helpers';
import { sectorOf } from '../support/sectors';

/**
 * A real 12-megapixel camera-sized JPEG (noise, so it is as heavy as a photo), taken in portrait (EXIF orientation 6).
 */
async function cameraJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('photo thumbnails', () => {
  it('serves a small upright JPEG for a camera photo, and the original where no thumbnail can be made', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(t, '金融团工委') });
    const zip = path.join(tempDir(), '柳州银行营业部.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '总结.docx', data: makeDocx('柳州银行营业部') },
        { name: '相机照片.jpg', data: await cameraJpeg() },
        { name: '坏照片.jpg', data: fakePhoto(50_000, 1) },
        { name: '炸弹.png', data: pngClaiming(60_000, 60_000) },
      ]),
    );
    const imported = await t.call('intake.import', { files: localFiles([zip]) });
    const submission = await t.call('submissions.get', { id: imported.sources[0]!.submission_id! });
    const byName = Object.fromEntries(submission.files.map((f) => [f.name, f.sha256]));

    const thumb = await t.core.thumbnail(byName['相机照片.jpg']!);
    expect(thumb.mime).toBe('image/jpeg');
    expect(thumb.path).toContain(path.join(t.dataDir, 'cache', 'thumbs'));
    const size = imageSize(fs.readFileSync(thumb.path));
    // 4000 × 3000 turned upright by its EXIF orientation: 240 × 320.
    expect(size).toMatchObject({ width: THUMB_SIZE * 0.75, height: THUMB_SIZE });
    expect(fs.statSync(thumb.path).size).toBeLessThan(100_000);
    // Asked again: the same file, not a second decode.
    const before = fs.statSync(thumb.path).mtimeMs;
    expect((await t.core.thumbnail(byName['相机照片.jpg']!)).path).toBe(thumb.path);
    expect(fs.statSync(thumb.path).mtimeMs).toBe(before);

    // Random bytes behind a JPEG header, and a PNG claiming 3.6 gigapixels: the original is served, nothing is decoded
    // into memory.
    for (const name of ['坏照片.jpg', '炸弹.png']) {
      const served = await t.core.thumbnail(byName[name]!);
      expect(served.path).toBe((await t.core.storedFile(byName[name]!)).path);
    }
    // A document is never thumbnailed.
    expect((await t.core.thumbnail(byName['总结.docx']!)).mime).not.toBe('image/jpeg');
    // Nothing half-written is left in the cache.
    const leftovers = fs
      .readdirSync(path.join(t.dataDir, 'cache', 'thumbs'), { recursive: true })
      .filter((f) => String(f).endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('warms every missing thumbnail in the background, once per photo even when asked twice', async () => {
    const dir = tempDir();
    const photo = path.join(dir, 'p.jpg');
    fs.writeFileSync(
      photo,
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c33' } })
        .jpeg()
        .toBuffer(),
    );
    const photos = ['a', 'b', 'c'].map((c) => ({ sha256: c.repeat(64), path: photo, mime: 'image/jpeg' }));
    const cache = new ThumbnailCache(path.join(dir, 'cache'));
    let passes = 0;
    const list = () => {
      passes++;
      return photos;
    };
    await Promise.all([cache.warm(list), cache.warm(list)]);
    expect(photos.every((p) => cache.has(p.sha256))).toBe(true);
    // The second call during the first asked for one more pass, not a parallel one.
    expect(passes).toBe(2);
  });

  it('waits while an import holds the long-write lock, then carries on', async () => {
    const dir = tempDir();
    const photo = path.join(dir, 'p.jpg');
    fs.writeFileSync(
      photo,
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#36c' } })
        .jpeg()
        .toBuffer(),
    );
    const cache = new ThumbnailCache(path.join(dir, 'cache'));
    let importing = true;
    let asked!: () => void;
    const askedTwice = new Promise<void>((resolve) => (asked = resolve));
    let asks = 0;
    const paused = () => {
      if (++asks === 2) asked();
      return importing;
    };
    const done = cache.warm(() => [{ sha256: 'd'.repeat(64), path: photo, mime: 'image/jpeg' }], paused);
    // It asked, was told an import runs, waited and asked again: nothing was written meanwhile.
    await askedTwice;
    expect(cache.has('d'.repeat(64))).toBe(false);
    importing = false;
    await done;
    expect(cache.has('d'.repeat(64))).toBe(true);
  });
});
