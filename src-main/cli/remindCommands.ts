import type { Command } from 'commander';
import type { OpOutput } from '../core/operations';
import { callAndSave, callAndUnpack, call, CliFailure, exitStatus, year, type Emit, type Output } from './run';

/** 催报 from the command line: drafts for the mail client, sending through the office mailbox, the phone list. */
export function registerRemind(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const remind = program.command('remind').description('催报：给未报送、材料被拒收或不齐全的集体发提醒');
  remind
    .command('drafts')
    .argument('<OUT_DIR>', '保存 .eml 草稿的文件夹（须已存在）')
    .option('--per <unit|sector>', 'unit：每个集体一封；sector：每个系统一封，集体放在密送', 'unit')
    .option('--campaign <YEAR>', '年度（默认当前年度）')
    .option('--json', '以 JSON 输出')
    .description('生成提醒邮件草稿（.eml，可直接用 Foxmail、Outlook 打开后发送），并记在各集体名下')
    .action(async (dir: string, opts: { per: string; campaign?: string }) => {
      if (opts.per !== 'unit' && opts.per !== 'sector')
        throw new CliFailure('invalid-input', `--per 只能是 unit 或 sector：${opts.per}`);
      const result = await callAndUnpack<OpOutput<'remind.drafts'>>(
        dataFlag(),
        'remind.drafts',
        { campaignYear: year(opts.campaign), per: opts.per },
        dir,
      );
      emit(result, () => {
        out.print(`已生成 ${result.drafts} 封提醒邮件草稿（${result.units} 个集体）：${result.dir}`);
        if (result.noAddress.length)
          out.print(`另有 ${result.noAddress.length} 个集体没有电子邮箱，请电话联系（desk remind phone-list）`);
      });
    });
  remind
    .command('send')
    .description('通过办公室邮箱（SMTP）逐个发送提醒；每个集体每天最多一封，中途中断后再次运行不会重复发送')
    .requiredOption('--host <HOST>', '发信服务器，如 smtp.163.com、smtp.qq.com、smtp.126.com')
    .option('--port <N>', '端口（SSL 为 465）', '465')
    .option('--tls <on|starttls|off>', 'on：SSL；starttls；off 只允许本机测试服务器', 'on')
    .requiredOption('--user <ADDRESS>', '办公室邮箱地址')
    .requiredOption('--password-env <VAR>', '放授权码的环境变量名（不在命令行里写授权码）')
    .option('--interval-ms <N>', '两封之间至少间隔多少毫秒（防止被邮箱判为群发）', '2000')
    .option('--dry-run', '只列出将要发给谁，不发送')
    .option('--campaign <YEAR>', '年度（默认当前年度）')
    .option('--json', '以 JSON 输出')
    .action(
      async (opts: {
        host: string;
        port: string;
        tls: string;
        user: string;
        passwordEnv: string;
        intervalMs: string;
        dryRun?: boolean;
        campaign?: string;
      }) => {
        const password = process.env[opts.passwordEnv];
        if (!password && !opts.dryRun)
          throw new CliFailure('invalid-input', `环境变量 ${opts.passwordEnv} 里没有授权码`);
        const result = await call<OpOutput<'remind.send'>>(dataFlag(), 'remind.send', {
          campaignYear: year(opts.campaign),
          smtp: { host: opts.host, port: Number(opts.port), tls: opts.tls, user: opts.user },
          password: password || undefined,
          dryRun: !!opts.dryRun,
          intervalMs: Number(opts.intervalMs),
        });
        if (result.failed.length) exitStatus.code = 3;
        emit(result, () => {
          for (const s of result.sent)
            out.print(`${result.dryRun ? '将发送' : '已发送'}：${s.unitName} <${s.address}>`);
          for (const f of result.failed) out.print(`失败：${f.unitName} <${f.address}>：${f.reply}`);
          for (const s of result.skipped)
            out.print(
              `跳过：${s.unitName}（${s.why === 'today' ? '今天已提醒' : '上次发送中断，可能已发出，请核实'}）`,
            );
          if (result.noAddress.length) out.print(`没有电子邮箱：${result.noAddress.map((n) => n.unitName).join('、')}`);
        });
      },
    );
  remind
    .command('phone-list')
    .argument('<OUT>', '保存为 .pdf 或 .xlsx')
    .option('--campaign <YEAR>', '年度（默认当前年度）')
    .option('--json', '以 JSON 输出')
    .description('电话催报名单：联系人、电话、情况和需要对方做的')
    .action(async (target: string, opts: { campaign?: string }) => {
      const format = target.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'pdf';
      const result = await callAndSave<OpOutput<'remind.phoneList'>>(
        dataFlag(),
        'remind.phoneList',
        { campaignYear: year(opts.campaign), format },
        target,
      );
      emit(result, () => out.print(`已导出电话催报名单（${result.units} 个集体）：${result.file}`));
    });
}
