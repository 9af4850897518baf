/**
 * `desk backup` of a data folder of 100,000 small stored files (the scale set's attachments, each
 * 1–8 KB) against `tar cf` of the same folder followed by `sync`, in the same run (#27). Target ≤ 2×.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { build, FULL } from './benchScale';
import { seconds } from './stopwatch';

/** Gives every attachment row of the scale set a real stored file of its own, named by its hash. */
function storeFiles(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'desk.sqlite'));
  const rows = db.prepare('SELECT id FROM attachments').pluck().all() as number[];
  const rename = db.prepare('UPDATE attachments SET sha256 = ?, size = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of rows) {
      const bytes = crypto.randomBytes(1024 + (id % 8) * 1024);
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      const dir = path.join(dataDir, 'files', sha.slice(0, 2));
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, sha), bytes);
      rename.run(sha, bytes.length, id);
    }
  })();
  db.close();
  return rows.length;
}

export async function benchBackupSmall(cli: string): Promise<{ line: string[]; ratio: number }> {
  const dataDir = await build(FULL);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-backup-small-'));
  try {
    const files = storeFiles(dataDir);
    const out = path.join(work, 'out');
    const runs: Array<{ tar: number; backup: number }> = [];
    for (let round = 0; round < 2; round++) {
      spawnSync('sync');
      const tar = seconds(() => {
        const r = spawnSync('sh', ['-c', 'tar cf "$1" -C "$2" . && sync "$1"', 'tar', out, dataDir]);
        if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
      });
      fs.rmSync(out);
      spawnSync('sync');
      const backup = seconds(() => {
        const r = spawnSync(process.execPath, [cli, '--data', dataDir, 'backup', out, '--json'], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`desk backup failed: ${r.stdout}${r.stderr}`);
      });
      fs.rmSync(out);
      runs.push({ tar, backup });
    }
    const tar = Math.min(...runs.map((r) => r.tar));
    const backup = Math.min(...runs.map((r) => r.backup));
    const ratio = backup / tar;
    return {
      ratio,
      line: [
        `备份 ${files} 个小文件（每个 1–8 KB）：tar cf 再 sync ${tar.toFixed(2)} s；desk backup ${backup.toFixed(2)} s；比值 ${ratio.toFixed(2)}（目标 ≤ 2）${ratio <= 2 ? '达标' : '未达标'}`,
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename))
  benchBackupSmall(path.resolve(import.meta.dirname, '..', 'bin', 'desk.js')).then((r) =>
    console.log(r.line.join('\n')),
  );
