import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../contract/errors';

/**
 * Its bytes on the disk before the rename makes it the file: a power cut then leaves the old file or the whole new one,
 * never an empty one.
 */
function flush(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function tempBeside(target: string): string {
  return path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
}

/** What a failed write means to the person who asked for it. */
export function writeError(error: unknown, target: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return new DeskError(
      'file-locked',
      `无法写入“${target}”：文件可能正被其他程序（如 Excel/WPS）打开，请关闭后重试或换一个文件名。`,
    );
  }
  if (code === 'ENOENT')
    return new DeskError('bad-path', `找不到文件夹“${path.dirname(path.resolve(target))}”，请换一个保存位置。`);
  return error;
}

/**
 * Writes next to the target and renames, so a failed or cancelled write never leaves a broken file
 * under the final name. A target held open by another program (Windows locks it) gets a clear message.
 */
export async function writeAtomically(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempBeside(target);
  try {
    await write(temp);
    flush(temp);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw writeError(error, target);
  }
}

/** The same for bytes already in memory, synchronously. */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const temp = tempBeside(target);
  try {
    fs.writeFileSync(temp, bytes);
    flush(temp);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw writeError(error, target);
  }
}
