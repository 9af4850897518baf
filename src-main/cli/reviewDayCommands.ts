import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { chinaTimeLabel } from '../common/chinaTime';
import { QUEUE_STATUS, REVIEW_STATUS } from '../common/statuses';
import type { OpOutput } from '../core/operations';
import { call, CliFailure, exitStatus, pad, type Emit, type Output } from './run';

/** `desk serve`: browser mode (out/main/server.js) in the foreground, with the review day open where --lan says. */
export function registerServe(program: Command, dataFlag: () => string | undefined): void {
  program
    .command('serve')
    .description('浏览器模式：在本机 127.0.0.1 打开组委会工作台；加 --lan 同时在办公室网络上开始集中评审')
    .option('--port <N>', '端口（默认沿用上次的）')
    .option('--lan <ADDRESS>', '集中评审：本机在办公室网络上的地址（如 192.168.1.20）')
    .option('--until <HH:MM>', '集中评审的结束时间（默认 18:00）')
    .option('--json', '以一行 JSON 输出 {url, entryUrl, lanUrl, token, dataDir}')
    .action(async (options: { port?: string; lan?: string; until?: string; json?: boolean }) => {
      const server = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.js');
      const args = [
        server,
        ...(dataFlag() ? ['--data', dataFlag()!] : []),
        ...(options.port ? ['--port', options.port] : []),
        ...(options.lan ? ['--lan', options.lan] : []),
        ...(options.until ? ['--until', options.until] : []),
        ...(options.json ? ['--json'] : []),
      ];
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      const stop = () => child.kill('SIGTERM');
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      exitStatus.code = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
    });
}

async function reviewerNamed(dataFlag: () => string | undefined, name: string): Promise<number> {
  const list = await call<OpOutput<'reviewers.list'>>(dataFlag(), 'reviewers.list');
  const found = list.find((r) => r.name === name);
  if (!found) throw new CliFailure('not-found', `没有名为“${name}”的评审人`);
  return found.id;
}

/** `desk reviewers code|revoke NAME` and `desk review progress`: the review day from the command line. */
export function registerReviewDay(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const reviewers = program.commands.find((c) => c.name() === 'reviewers')!;
  reviewers
    .command('code')
    .description('为评审人生成集中评审验证码（原验证码作废；有效到当天集中评审结束）')
    .argument('<NAME>', '评审人姓名')
    .option('--json', '以 JSON 输出')
    .action(async (name: string) => {
      const reviewerId = await reviewerNamed(dataFlag, name);
      const { code } = await call<OpOutput<'reviewDay.issueCode'>>(dataFlag(), 'reviewDay.issueCode', { reviewerId });
      const { day } = await call<OpOutput<'reviewDay.status'>>(dataFlag(), 'reviewDay.status');
      const value = { reviewer: name, code, expiresAt: day?.endsAt ?? null };
      emit(value, () => out.print(`${name}的验证码：${code}（有效至 ${day ? chinaTimeLabel(day.endsAt) : '—'}）`));
    });
  reviewers
    .command('revoke')
    .description('收回评审人的集中评审验证码（立即失效）')
    .argument('<NAME>', '评审人姓名')
    .option('--json', '以 JSON 输出')
    .action(async (name: string) => {
      const reviewerId = await reviewerNamed(dataFlag, name);
      await call(dataFlag(), 'reviewDay.revokeCode', { reviewerId });
      emit({ reviewer: name, revoked: true }, () => out.print(`已收回${name}的验证码`));
    });
  const review = program.commands.find((c) => c.name() === 'review')!;
  review
    .command('progress')
    .description('每位评审人的进度：分配、已提交、评审中、最近活动')
    .option('--json', '以 JSON 输出')
    .action(async () => {
      const rows = await call<OpOutput<'reviewDay.progress'>>(dataFlag(), 'reviewDay.progress');
      emit(rows, () => {
        out.print(
          `${pad('评审人', 12)}${pad('分配', 6)}${pad(REVIEW_STATUS.submitted, 8)}${pad(QUEUE_STATUS.started, 8)}最近活动`,
        );
        for (const r of rows)
          out.print(
            `${pad(r.reviewer, 12)}${pad(String(r.assigned), 6)}${pad(String(r.submitted), 8)}${pad(String(r.inProgress), 8)}${r.lastActivityAt ? chinaTimeLabel(r.lastActivityAt) : '—'}`,
          );
      });
    });
}
