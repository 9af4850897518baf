import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heifReachesMeta, photoDate } from '../../src-main/core/review/photoDate';
import { jpegWithExifDate } from '../support/zipWriter';
import { tempDir } from './helpers';

function box(kind: string, body: Buffer, length = body.length + 8): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(length, 0);
  head.write(kind, 4, 'latin1');
  return Buffer.concat([head, body]);
}

const ftyp = box('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1'));

function file(name: string, bytes: Buffer): string {
  const target = path.join(tempDir(), name);
  fs.writeFileSync(target, bytes);
  return target;
}

describe('photo dates', () => {
  it('reads the EXIF date of a JPEG', async () => {
    expect((await photoDate(file('a.jpg', jpegWithExifDate('2022:06:18 10:21:00')), 'image/jpeg'))?.toISOString()).toBe(
      '2022-06-18T10:21:00.000Z',
    );
  });

  it('walks an HEIC file to its meta box only when every box on the way is sound', () => {
    expect(
      heifReachesMeta(
        file('good.heic', Buffer.concat([ftyp, box('meta', Buffer.alloc(16)), box('mdat', Buffer.alloc(64))])),
      ),
    ).toBe(true);
    // A zero-length box after ftyp: exifr would add 0 to its offset forever.
    expect(heifReachesMeta(file('zero.heic', Buffer.concat([ftyp, Buffer.alloc(4096)])))).toBe(false);
    // A box claiming more bytes than the file has (a truncated download).
    expect(heifReachesMeta(file('cut.heic', Buffer.concat([ftyp, box('mdat', Buffer.alloc(10), 1_000_000)])))).toBe(
      false,
    );
    // A box shorter than its own header.
    expect(
      heifReachesMeta(file('short.heic', Buffer.concat([ftyp, box('free', Buffer.alloc(0), 4), Buffer.alloc(64)]))),
    ).toBe(false);
    // No meta box at all.
    expect(heifReachesMeta(file('nometa.heic', Buffer.concat([ftyp, box('mdat', Buffer.alloc(64))])))).toBe(false);
  });

  it('gives no date, and returns, for the truncated iPhone photo that used to freeze the app', async () => {
    expect(await photoDate(file('IMG_0001.HEIC', Buffer.concat([ftyp, Buffer.alloc(4096)])), 'image/heic')).toBeNull();
    // Not a photo format at all: nothing is parsed.
    expect(await photoDate(file('x.bin', Buffer.alloc(100)), 'application/octet-stream')).toBeNull();
  });
});
