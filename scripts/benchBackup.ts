/**
 * `desk backup` of a real data folder against `tar cf` of the same folder, in the same run:
 * both read every byte and write one file; the backup also snapshots the database, hashes every
 * entry as it writes and reads the whole file back to verify it. Target: ≤ 1.5×.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seconds } from './stopwatch';

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Earlier writes flushed and every file read once: neither side pays for the other's write-back or a cold disk. */
function settle(dir: string): void {
  spawnSync('sync');
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) fs.readFileSync(path.join(entry.parentPath, entry.name));
  }
}

export interface BackupBench {
  line: string[];
  ratio: number;
}

export function benchBackup(cli: string, dataDir: string, work: string): BackupBench {
  const bytes = folderBytes(dataDir);
  const tarFile = path.join(work, 'data.tar');
  const backupFile = path.join(work, 'data.deskbackup');
  const runs: Array<{ tar: number; durableTar: number; backup: number }> = [];
  // Twice, interleaved, best of each: this VM's disk speed drifts minute to minute.
  for (let round = 0; round < 2; round++) {
    settle(dataDir);
    const tar = seconds(() => {
      const result = spawnSync('tar', ['cf', tarFile, '-C', dataDir, '.']);
      if (result.status !== 0) throw new Error(`tar failed: ${result.stderr}`);
    });
    fs.rmSync(tarFile);
    settle(dataDir);
    // The same archive made durable, as a backup must be before it counts (fsync before the rename).
    const durableTar = seconds(() => {
      const result = spawnSync('sh', ['-c', 'tar cf "$1" -C "$2" . && sync "$1"', 'tar', tarFile, dataDir]);
      if (result.status !== 0) throw new Error(`tar failed: ${result.stderr}`);
    });
    fs.rmSync(tarFile);
    settle(dataDir);
    const backup = seconds(() => {
      const result = spawnSync(process.execPath, [cli, '--data', dataDir, 'backup', backupFile, '--json'], {
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`desk backup failed: ${result.stdout}${result.stderr}`);
    });
    fs.rmSync(backupFile);
    runs.push({ tar, durableTar, backup });
  }
  const tar = Math.min(...runs.map((r) => r.tar));
  const durableTar = Math.min(...runs.map((r) => r.durableTar));
  const backup = Math.min(...runs.map((r) => r.backup));
  const ratio = backup / tar;
  return {
    ratio,
    line: [
      `备份（数据文件夹 ${(bytes / 1024 ** 3).toFixed(2)} GB）：tar cf ${tar.toFixed(2)} s；desk backup（含数据库快照、边写边读回核对、fsync 落盘）${backup.toFixed(2)} s；比值 ${ratio.toFixed(2)}（目标 ≤ 1.5）${ratio <= 1.5 ? '达标' : '未达标'}`,
      `  同一 tar 再 sync 到磁盘（备份写完须落盘才算数）：${durableTar.toFixed(2)} s；desk backup / 落盘的 tar = ${(backup / durableTar).toFixed(2)}`,
    ],
  };
}
