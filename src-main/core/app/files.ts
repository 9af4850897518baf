import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../contract/errors';

/**
 * Writes next to the target and renames, so a failed write never leaves a broken file under the
 * final name. A target held open by another program (Windows locks it) gets a clear message.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new DeskError('file-locked', `无法写入“${target}”：文件可能正被其他程序（如 Excel/WPS）打开，请关闭后重试或换一个文件名。`);
    }
    if (code === 'ENOENT') throw new DeskError('bad-path', `找不到文件夹“${dir}”。`);
    throw error;
  }
}
