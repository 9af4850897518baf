import zlib from 'node:zlib';

/**
 * A stored (uncompressed) RAR 4 archive, built byte by byte from the RAR 4 format description.
 * Nothing on these machines can write RAR, and no RAR in ../shared/fixtures has a name without the
 * Unicode flag — which is what WinRAR on a Chinese Windows writes for a GBK name. 7-Zip must open
 * what this writes (the test checks that first), so it is a real RAR, not a guess.
 */
function block(type: number, flags: number, body: Buffer): Buffer {
  const head = Buffer.alloc(7);
  head[2] = type;
  head.writeUInt16LE(flags, 3);
  head.writeUInt16LE(7 + body.length, 5);
  const whole = Buffer.concat([head, body]);
  whole.writeUInt16LE(zlib.crc32(whole.subarray(2)) & 0xffff, 0);
  return whole;
}

export function rar4Stored(files: Array<{ rawName: Buffer; data: Buffer; unixMode?: number }>): Buffer {
  const marker = Buffer.from('Rar!\x1a\x07\x00', 'latin1');
  const main = block(0x73, 0, Buffer.alloc(6));
  const entries = files.map(({ rawName, data, unixMode }) => {
    const body = Buffer.alloc(25 + rawName.length);
    body.writeUInt32LE(data.length, 0); // PACK_SIZE
    body.writeUInt32LE(data.length, 4); // UNP_SIZE
    body[8] = unixMode ? 3 : 2; // HOST_OS: Unix or Win32
    body.writeUInt32LE(zlib.crc32(data), 9);
    // 2022-10-20 10:00 (DOS, local)
    body.writeUInt32LE(((2022 - 1980) << 25) | (10 << 21) | (20 << 16) | (10 << 11), 13);
    body[17] = 29; // UNP_VER
    body[18] = 0x30; // METHOD: store
    body.writeUInt16LE(rawName.length, 19);
    body.writeUInt32LE(unixMode ?? 0x20, 21);
    rawName.copy(body, 25);
    return Buffer.concat([block(0x74, 0x8000, body), data]);
  });
  const end = block(0x7b, 0x4000, Buffer.alloc(0));
  return Buffer.concat([marker, main, ...entries, end]);
}
