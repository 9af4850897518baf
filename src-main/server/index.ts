import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../core/dataFolder/dataDir';
import { flagValue } from '../transport/args';
import { startHostedCore } from '../hosting/hostedCore';
import { version } from '../../package.json';
import { startDeskServer } from './http';
import { startOnKnownPort } from './port';
import { openReviewDay } from './reviewDayStart';

/**
 * `node out/main/server.js [--data DIR] [--port N] [--lan ADDRESS [--until HH:MM]] [--json]` (also `desk serve`):
 * browser mode on 127.0.0.1, and with --lan a review day open on that address.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = resolveDataDir(flagValue(argv, 'data'));
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Core runs in worker threads: this thread only serves HTTP, so one long call never stalls another.
  const core = await startHostedCore({
    dataDir,
    version,
    mode: 'browser',
    workerScript: path.join(here, 'coreWorker.js'),
    intakeThread: path.join(here, 'intakeThread.js'),
    verifyThread: path.join(here, 'verifyThread.js'),
  });
  const asked = flagValue(argv, 'port');
  const server = await startOnKnownPort(dataDir, asked === undefined ? null : Number(asked), (port) =>
    startDeskServer(core, { rendererDir: path.join(here, '../renderer'), port }),
  );
  const lan = flagValue(argv, 'lan');
  const lanUrl = lan ? await openReviewDay(core, lan, flagValue(argv, 'until')) : null;
  if (argv.includes('--json')) {
    // Tests read this one line to find the server.
    console.log(JSON.stringify({ url: server.url, entryUrl: server.entryUrl, token: server.token, dataDir, lanUrl }));
  } else {
    console.log(`组委会工作台（浏览器模式）已启动：${server.entryUrl}`);
    console.log(`数据文件夹：${dataDir}（按 Ctrl+C 退出）`);
    console.log(
      `下次启动仍用端口 ${server.port}（被占用时另选），但访问令牌每次都换：请用启动时新打印的完整地址打开；浏览器里的旧地址会提示这一点。`,
    );
    if (lanUrl)
      console.log(
        `集中评审已开始：评审人在浏览器中打开 ${lanUrl}，输入各自的验证码（“设置 → 集中评审”中查看、打印）。`,
      );
  }
  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`无法启动浏览器模式：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
