import fs from 'node:fs';
import path from 'node:path';
import { scratchDir } from './snapshot';

/**
 * Where backups were written (a USB stick's folder, `desk backup OUT`): a backup killed mid-write
 * leaves its `.NAME.deskbackup.PID.tmp` there, and only a folder remembered here is swept of it at
 * the next start and by 数据检查. Recorded before the first byte is written; the newest few kept.
 */
const FILE = 'backup-targets.json';
const KEEP = 20;

export function rememberedTargets(dataDir: string): string[] {
  try {
    const list = JSON.parse(fs.readFileSync(path.join(scratchDir(dataDir), FILE), 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberTarget(dataDir: string, target: string): void {
  const dir = path.dirname(path.resolve(target));
  const list = [dir, ...rememberedTargets(dataDir).filter((d) => d !== dir)].slice(0, KEEP);
  fs.mkdirSync(scratchDir(dataDir), { recursive: true });
  fs.writeFileSync(path.join(scratchDir(dataDir), FILE), JSON.stringify(list));
}
