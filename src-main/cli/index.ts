import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { registerCampaigns, registerUnits } from './rosterCommands';
import { registerCsv, registerExport, registerHonors, registerReports } from './exportCommands';
import { registerIntake } from './intakeCommands';
import { registerMail } from './mailCommands';
import { registerBackup, registerDoctor } from './backupCommands';
import { registerAudit } from './auditCommands';
import { registerDynamics } from './dynamicsCommands';
import { registerRemind } from './remindCommands';
import { registerSearch } from './searchCommands';
import { registerReview, registerReviewPackages } from './reviewCommands';
import { registerReviewWork } from './reviewWorkCommands';
import { registerReviewEvidence } from './evidenceCommands';
import { registerReviewDay, registerServe } from './reviewDayCommands';
import { CliFailure, closeCore, exitStatus, useThreads, type Output } from './run';
import { DeskError } from '../core/contract/errors';

// out/main/cli.js → its sibling threads: a mailbox fetch unpacks on a second thread, a backup reads itself back on one.
const here = path.dirname(fileURLToPath(import.meta.url));
useThreads({ intakeThread: path.join(here, 'intakeThread.js'), verifyThread: path.join(here, 'verifyThread.js') });

/**
 * `desk`: the command-line shell. It only parses arguments, calls the operation table and prints;
 * exit 0 on success, 1 when the input was refused, 2 on a usage error.
 */
async function main(argv: string[]): Promise<number> {
  const out: Output = { json: argv.includes('--json'), print: (line) => process.stdout.write(`${line}\n`) };
  const program = new Command('desk')
    .description('组委会工作台命令行（Committee Desk CLI）')
    .version(version, '-v, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .option('--data <DIR>', '数据文件夹（默认为本机用户数据文件夹，或环境变量 COMMITTEE_DESK_DATA）')
    .showHelpAfterError('（使用 --help 查看用法）')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program.addHelpCommand('help [command]', '显示某个命令的帮助');
  const dataFlag = () => program.opts<{ data?: string }>().data;
  const emit = (value: unknown, human: () => void) =>
    out.json ? out.print(JSON.stringify({ ok: true, value })) : human();
  registerUnits(program, dataFlag, emit, out);
  registerCampaigns(program, dataFlag, emit, out);
  registerIntake(program, dataFlag, emit, out);
  registerMail(program, dataFlag, out);
  registerReview(program, dataFlag, emit, out);
  registerReviewPackages(program, dataFlag, emit, out);
  registerReviewWork(program, dataFlag, emit, out);
  registerReviewEvidence(program, dataFlag, emit, out);
  registerReviewDay(program, dataFlag, emit, out);
  registerServe(program, dataFlag);
  registerExport(program, dataFlag, emit, out);
  registerHonors(program, dataFlag, emit, out);
  registerCsv(program, dataFlag, emit, out);
  registerReports(program, dataFlag, emit, out);
  registerBackup(program, dataFlag, emit, out);
  registerDoctor(program, dataFlag, emit, out);
  registerAudit(program, dataFlag, emit, out);
  registerDynamics(program, dataFlag, emit, out);
  registerRemind(program, dataFlag, emit, out);
  registerSearch(program, dataFlag, emit, out);
  const configure = (command: Command): void => {
    command.helpOption('-h, --help', '显示帮助').exitOverride();
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitStatus.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    // A refusal core makes while opening the data folder (a share, a damaged database) keeps its code.
    const code = error instanceof CliFailure || error instanceof DeskError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    if (out.json) out.print(JSON.stringify({ ok: false, error: { code, message } }));
    else process.stderr.write(`错误（${code}）：${message}\n`);
    return 1;
  } finally {
    await closeCore();
  }
}

// For `npm run bench`: how long the event loop was ever blocked (what a window would feel in the
// desktop shell, where the same core runs in the main process), and peak memory — only when asked.
const loopDelay = process.env.DESK_REPORT_RSS ? monitorEventLoopDelay({ resolution: 10 }) : null;
loopDelay?.enable();

// `desk … | head`: the reader went away; stop quietly instead of printing a stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then((code) => {
  if (loopDelay) {
    loopDelay.disable();
    process.stderr.write(
      `peak-rss-kb=${process.resourceUsage().maxRSS} loop-delay-max-ms=${(loopDelay.max / 1e6).toFixed(0)} loop-delay-p99-ms=${(loopDelay.percentile(99) / 1e6).toFixed(0)}\n`,
    );
  }
  // Not process.exit(): a large JSON document written to a pipe must be allowed to drain.
  process.exitCode = code;
});
