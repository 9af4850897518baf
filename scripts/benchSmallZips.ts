/**
 * Many small sources: N ZIPs (default 5,000) of a ~5 KB summary and three small photos each
 * (~40 MB in all), `unzip -o` of each (the baseline) against `desk import` of the folder, in the
 * same run, each twice (interleaved, the better run of each counts). Target: ≤ 2× — a small
 * source must not cost more than unzip does per source.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seconds } from './stopwatch';
import { makeDocx, makePng, writeZip } from '../tests/support/zipWriter';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'out/main/cli.js');

export function benchSmallZips(count = Number(process.env.BENCH_SMALL_ZIPS ?? 5000)): {
  ratio: number;
  line: string[];
} {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-small-'));
  try {
    const dir = path.join(work, 'zips');
    fs.mkdirSync(dir);
    for (let i = 0; i < count; i++) {
      const unit = `柳州市第${i + 1}青年文明号集体`;
      const photos = [1, 2, 3].map((p) => ({
        name: `${unit}/活动照片${p}.png`,
        data: Buffer.concat([makePng(40 + p, 30 + (i % 500)), Buffer.alloc(500, i % 251)]),
      }));
      fs.writeFileSync(
        path.join(dir, `${unit}.zip`),
        writeZip([{ name: `${unit}/工作总结.docx`, data: makeDocx(unit, 3000), deflate: true }, ...photos]),
      );
    }
    const mb = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) / 1024 ** 2;
    spawnSync('sync');
    for (const f of fs.readdirSync(dir)) fs.readFileSync(path.join(dir, f));
    const out = path.join(work, 'unzipped');
    const data = path.join(work, 'data');
    // One shell runs every unzip: spawning each from Node would add Node's fork cost to the baseline.
    const unzipOnce = () => {
      const time = seconds(() => {
        const run = spawnSync('sh', [
          '-c',
          'for z in "$0"/*.zip; do unzip -o -q "$z" -d "$1" || exit 1; done',
          dir,
          out,
        ]);
        if (run.status !== 0) throw new Error(`unzip failed: ${run.stderr.toString()}`);
      });
      fs.rmSync(out, { recursive: true, force: true });
      spawnSync('sync');
      return time;
    };
    let sources = 0;
    const oursOnce = () => {
      const time = seconds(() => {
        const run = spawnSync(process.execPath, [cli, '--data', data, 'import', dir, '--json'], {
          maxBuffer: 512 * 1024 ** 2,
          encoding: 'utf8',
        });
        if (run.status !== 0) throw new Error(`desk import failed: ${run.stderr}`);
        sources = (JSON.parse(run.stdout) as { totals: { sources: number } }).totals.sources;
      });
      fs.rmSync(data, { recursive: true, force: true });
      spawnSync('sync');
      return time;
    };
    // This much file creation meets the disk's own pauses (journal commits, discards after a
    // delete); each side runs twice, interleaved, and its better run counts.
    const runs = [unzipOnce(), oursOnce(), unzipOnce(), oursOnce()];
    const unzip = Math.min(runs[0]!, runs[2]!);
    const ours = Math.min(runs[1]!, runs[3]!);
    const ratio = ours / unzip;
    return {
      ratio,
      line: [
        `小压缩包：${count} 个（每个 ~5 KB 总结与 3 张小照片），共 ${mb.toFixed(0)} MB`,
        `  unzip -o 逐个：${unzip.toFixed(2)} s；desk import：${ours.toFixed(2)} s（${sources} 份）`,
        `  intake/unzip = ${ratio.toFixed(2)}（目标 ≤ 2）${ratio <= 2 ? '达标' : '未达标'}`,
      ],
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const r = benchSmallZips();
  console.log(r.line.join('\n'));
  process.exitCode = r.ratio <= 2 ? 0 : 1;
}
