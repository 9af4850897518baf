import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import zlib from 'node:zlib';

/**
 * A small ZIP writer for tests and the benchmark: it can write what Chinese Windows writes (GBK
 * names, no UTF-8 flag, DOS times in local China time), which ZIP libraries will not do.
 */
export interface ZipEntryInput {
  name: string;
  data: Buffer;
  encoding?: 'gbk' | 'utf8';
  deflate?: boolean;
  /** Wall-clock time in China (UTC+8), as Explorer records it. */
  modified?: Date;
}

function dosDateTime(date: Date): { time: number; day: number } {
  const local = new Date(date.getTime() + 8 * 3600_000);
  return {
    time: (local.getUTCHours() << 11) | (local.getUTCMinutes() << 5) | (local.getUTCSeconds() >> 1),
    day: ((local.getUTCFullYear() - 1980) << 9) | ((local.getUTCMonth() + 1) << 5) | local.getUTCDate(),
  };
}

export function writeZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const utf8 = entry.encoding === 'utf8';
    const name = utf8 ? Buffer.from(entry.name, 'utf8') : iconv.encode(entry.name, 'gbk');
    const body = entry.deflate ? zlib.deflateRawSync(entry.data) : entry.data;
    const crc = zlib.crc32(entry.data) >>> 0;
    const { time, day } = dosDateTime(entry.modified ?? new Date('2022-10-20T10:00:00+08:00'));
    const flags = utf8 ? 0x0800 : 0;
    const method = entry.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit greyscale) of the given header size around the given pixel data. */
function png(width: number, height: number, pixels: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real PNG of the given size (grey), so sniffing and dimensions are tested on real image bytes. */
export function makePng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return png(width, height, rows);
}

/** A PNG that claims huge dimensions over almost no data: a decompression bomb dressed as a photo. */
export function pngClaiming(width: number, height: number): Buffer {
  return png(width, height, Buffer.alloc(1024));
}

/** A JPEG-headed block of random (incompressible) bytes: what camera photos look like to a ZIP. */
export function fakePhoto(bytes: number, seed = 0): Buffer {
  const body = crypto.createHash('sha256').update(String(seed)).digest();
  const out = Buffer.alloc(bytes);
  crypto.randomFillSync(out);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(out, 0);
  body.copy(out, 11);
  return out;
}

/**
 * Bytes laid out as a camera's JPEG (SOI, JFIF, a 4000×3000 frame header, then entropy-coded-looking noise): a photo to
 * readers that look at the structure.
 */
export function photoLike(bytes: number, seed = 0): Buffer {
  const out = fakePhoto(bytes, seed);
  const sof = [
    0xff, 0xc0, 0x00, 0x11, 0x08, 0x0b, 0xb8, 0x0f, 0xa0, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
  ];
  Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    ...sof,
    0xff,
    0xda,
    0x00,
    0x0c,
    0x03,
    0x01,
    0x00,
    0x02,
    0x11,
    0x03,
    0x11,
    0x00,
    0x3f,
    0x00,
  ]).copy(out, 0);
  out[out.length - 2] = 0xff;
  out[out.length - 1] = 0xd9;
  return out;
}

/** A minimal .docx (stored entries) with optional padding, enough for content sniffing to say "docx". */
export function makeDocx(text: string, padding = 0): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
  const entries: ZipEntryInput[] = [
    { name: '[Content_Types].xml', data: Buffer.from(types), encoding: 'utf8' },
    { name: 'word/document.xml', data: Buffer.from(doc), encoding: 'utf8' },
  ];
  if (padding) entries.push({ name: 'word/media/image1.bin', data: crypto.randomBytes(padding), encoding: 'utf8' });
  return writeZip(entries);
}

/** A tiny JPEG whose EXIF says when it was taken, for the "photo outside the campaign year" check. */
export function jpegWithExifDate(taken: string, seed = 0): Buffer {
  const date = Buffer.from(`${taken}\0`, 'latin1');
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 12 + 4 + date.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8769, 10); // Exif IFD pointer
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  tiff.writeUInt16LE(1, 26);
  tiff.writeUInt16LE(0x9003, 28); // DateTimeOriginal
  tiff.writeUInt16LE(2, 30);
  tiff.writeUInt32LE(date.length, 32);
  tiff.writeUInt32LE(44, 36);
  tiff.writeUInt32LE(0, 40);
  date.copy(tiff, 44);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(app1.length + 2, 0);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe1]),
    length,
    app1,
    fakePhoto(2000, seed).subarray(11),
    Buffer.from([0xff, 0xd9]),
  ]);
}
