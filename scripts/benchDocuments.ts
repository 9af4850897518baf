/**
 * The hostile document set (#27): documents inside intake's limits that used to take the app down.
 * Browser mode serves; each document is sent in a ZIP, read for search (`search.index`) and, for
 * the Word files, previewed (`files.preview`), while this process polls `app.info` every 50 ms and
 * samples every process under the server from /proc. Targets: the server and each reader under
 * 300 MB, each step under 30 s, the server answering within 100 ms (p99) meanwhile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflatingPdf, largeDocx, manyPagesPdf } from '../tests/support/hostileDocs';
import { watchChildren } from '../tests/support/treeMemory';
import { makePng, writeZip } from '../tests/support/zipWriter';
import { callServer, startServer, stopServer, uploadToServer } from '../tests/support/server';
import { pollDuring, type Latency, type Server } from './benchLatency';

interface Measured {
  name: string;
  seconds: number;
  serverMb: number;
  readerMb: number;
  latency: Latency;
}

async function measure(server: Server, pid: number, name: string, work: () => Promise<unknown>): Promise<Measured> {
  const watch = watchChildren();
  const started = performance.now();
  const latency = await pollDuring(server, work());
  const seconds = (performance.now() - started) / 1000;
  const { peaks } = watch.stop();
  const readers = [...peaks].filter(([p]) => p !== pid).map(([, mb]) => mb);
  return { name, seconds, serverMb: peaks.get(pid) ?? 0, readerMb: Math.max(0, ...readers), latency };
}

export async function benchDocuments(): Promise<{ line: string[]; ok: boolean }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-documents-'));
  const set: Array<[string, string, () => Promise<Buffer>, boolean]> = [
    ['60 MB document.xml 的 .docx', '工作总结.docx', async () => largeDocx(60), true],
    ['四个 60 MB 部件的 .docx', '工作总结.docx', async () => largeDocx(60, 4), true],
    ['数据流解压后 1 GB 的 PDF', '工作总结.pdf', () => inflatingPdf(1024), false],
    ['10,000 页的 PDF', '工作总结.pdf', async () => manyPagesPdf(10_000), false],
  ];
  // Made before the server starts: a generator holding this process for seconds would let the
  // server's keep-alive socket close under the next upload.
  const zips: Buffer[] = [];
  for (const [, name, make] of set)
    zips.push(
      writeZip([
        { name, data: await make() },
        { name: '活动照片1.png', data: makePng(640, 480) },
      ]),
    );
  const { child, info: server } = await startServer(path.join(work, 'data'));
  const rows: Measured[] = [];
  try {
    for (const [n, [label, , , preview]] of set.entries()) {
      const file = await uploadToServer(server, zips[n]!, `单位${n + 1}.zip`);
      let imported = { sources: [{ submission_id: 0 }] };
      rows.push(
        await measure(server, child.pid!, `${label}：收件`, async () => {
          imported = await callServer(server, 'intake.import', { files: [file] });
        }),
      );
      rows.push(await measure(server, child.pid!, `${label}：全文索引`, () => callServer(server, 'search.index')));
      if (!preview) continue;
      const submission = await callServer<{ files: Array<{ kind: string; sha256: string }> }>(
        server,
        'submissions.get',
        { id: imported.sources[0]!.submission_id },
      );
      const sha256 = submission.files.find((f) => f.kind === 'summary')!.sha256;
      rows.push(
        await measure(server, child.pid!, `${label}：评审预览`, () => callServer(server, 'files.preview', { sha256 })),
      );
    }
  } finally {
    await stopServer(child);
    fs.rmSync(work, { recursive: true, force: true });
  }
  const ok = rows.every((r) => r.readerMb < 300 && r.serverMb < 300 && r.seconds < 30 && r.latency.p99Ms < 100);
  const line = [
    '恶意文档集（浏览器模式，每 50 ms 查询 app.info；目标：每个进程 < 300 MB、每项 < 30 s，其间 p99 < 100 ms）：',
  ];
  for (const r of rows)
    line.push(
      `  ${r.name}：${r.seconds.toFixed(1)} s，读取进程峰值 ${r.readerMb} MB，服务进程峰值 ${r.serverMb} MB，app.info p99 ${r.latency.p99Ms.toFixed(1)} ms、最长 ${r.latency.maxMs.toFixed(1)} ms`,
    );
  line.push(`  ${ok ? '达标' : '未达标'}`);
  return { line, ok };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename))
  benchDocuments().then((r) => console.log(r.line.join('\n')));
