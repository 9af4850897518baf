import fs from 'node:fs';

/** The first `length` bytes of a file (fewer if it is shorter). */
export function readHead(file: string, length = 4100): Buffer {
  return readRange(file, 0, length);
}

/** The last `length` bytes of a file, where a ZIP keeps its end records. */
export function readTail(file: string, length = 65_557): { bytes: Buffer; offset: number } {
  const size = fs.statSync(file).size;
  const offset = Math.max(0, size - length);
  return { bytes: readRange(file, offset, size - offset), offset };
}

function readRange(file: string, position: number, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = fs.readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}
