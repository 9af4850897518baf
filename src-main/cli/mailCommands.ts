import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { printIntake } from './intakeCommands';
import { call, CliFailure, year, type Output } from './run';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerMail(program: Command, dataFlag: () => string | undefined, out: Output): void {
  const mail = program.command('mail').description('邮箱收件（IMAP）');
  mail
    .command('fetch')
    .description('从邮箱收取带附件的邮件，每封一份材料（只读，不删除、不移动、不标记服务器上的邮件）')
    .requiredOption('--host <HOST>', 'IMAP 服务器，如 imap.163.com')
    .option('--port <N>', '端口（默认 993；STARTTLS 或不加密时 143）')
    .option('--tls <MODE>', '加密方式：on（SSL/TLS）、starttls 或 off', 'on')
    .requiredOption('--user <ADDRESS>', '邮箱地址')
    .requiredOption('--password-env <VAR>', '存放授权码的环境变量名（授权码不写在命令行里）')
    .option('--folder <NAME>', '要读的文件夹，可写多次（默认 INBOX）', collect, [])
    .option('--since <YYYY-MM-DD>', '从这一天起（默认为年度工作的发文日期）')
    .option('--until <YYYY-MM-DD>', '到这一天止（默认为截止日期后 30 天）')
    .option('--timeout <SECONDS>', '服务器多少秒没有响应就放弃（mail-timeout），3–600', '30')
    .option('--campaign <YEAR>', '年度（默认为当前年度工作）')
    .option('--json', '以 JSON 输出结果（desk import --json 的文档，另加 folders 与 otherFolders）')
    .action(
      async (opts: {
        host: string;
        port?: string;
        tls: string;
        user: string;
        passwordEnv: string;
        folder: string[];
        timeout: string;
        since?: string;
        until?: string;
        campaign?: string;
      }) => {
        const password = process.env[opts.passwordEnv];
        if (!password)
          throw new CliFailure('invalid-input', `环境变量 ${opts.passwordEnv} 没有设置（应为邮箱的授权码）`);
        if (!['on', 'starttls', 'off'].includes(opts.tls))
          throw new CliFailure('invalid-input', '--tls 只能是 on、starttls 或 off');
        const tls = opts.tls as 'on' | 'starttls' | 'off';
        const port = opts.port ? Number(opts.port) : tls === 'on' ? 993 : 143;
        const timeoutSeconds = Number(opts.timeout);
        if (!Number.isInteger(timeoutSeconds)) throw new CliFailure('invalid-input', '--timeout 应为整数秒，如 30');
        const account = {
          host: opts.host,
          port,
          tls,
          user: opts.user,
          folders: opts.folder.length ? opts.folder : ['INBOX'],
          timeoutSeconds,
        };
        const result = await call<OpOutput<'mail.fetch'>>(dataFlag(), 'mail.fetch', {
          account,
          password,
          since: opts.since,
          until: opts.until,
          campaignYear: year(opts.campaign),
        });
        if (out.json) {
          // The intake document, with what this fetch left unread as counts (docs/intake.md: Mailbox).
          out.print(
            JSON.stringify({
              sources: result.sources,
              totals: result.totals,
              folders: result.folders,
              otherFolders: result.otherFolders,
            }),
          );
          return;
        }
        printIntake(result, out);
        for (const f of result.folders)
          if (f.outsideRange || f.alreadyIn)
            out.print(`${f.folder}：以前已收 ${f.alreadyIn} 封，日期范围外 ${f.outsideRange} 封（未读取）`);
        for (const f of result.otherFolders) out.print(`未读取的文件夹 ${f.folder}：${f.messages} 封`);
      },
    );
}
