import type { Command } from 'commander';
import { AUDIT_ACTION_CODES, AUDIT_ACTIONS, type AuditAction } from '../common/auditActions';
import { chinaTimeLabel } from '../common/chinaTime';
import { chinaInstantOf, DATE_FORMS_HINT, parseTypedDate } from '../common/lenientDate';
import type { OpOutput } from '../core/operations';
import { call, callAndSave, CliFailure, pad, type Emit, type Output } from './run';

interface FilterFlags {
  since?: string;
  until?: string;
  action?: string[];
  actor?: string;
  text?: string;
}

/** A typed day as the instant its China day begins: `--since 2022-11-01` means from that morning on. */
function dayStart(flag: string, value: string): string {
  const typed = parseTypedDate(value);
  if (!typed) throw new CliFailure('invalid-input', `看不懂 ${flag} 的日期“${value}”，请写成 ${DATE_FORMS_HINT}`);
  return chinaInstantOf({ ...typed, hour: typed.hour ?? 0, minute: typed.minute ?? 0 });
}

function queryOf(opts: FilterFlags) {
  for (const a of opts.action ?? []) {
    if (!(AUDIT_ACTION_CODES as string[]).includes(a))
      throw new CliFailure('invalid-input', `没有“${a}”这一类操作；可用：${AUDIT_ACTION_CODES.join(', ')}`);
  }
  return {
    since: opts.since ? dayStart('--since', opts.since) : undefined,
    until: opts.until ? dayStart('--until', opts.until) : undefined,
    actions: opts.action as AuditAction[] | undefined,
    actor: opts.actor,
    text: opts.text,
  };
}

function filterFlags(command: Command): Command {
  return command
    .option('--since <DATE>', '从这一天起（北京时间）')
    .option('--until <DATE>', '到这一天之前（不含这一天）')
    .option('--action <CODE...>', `只看这几类：${AUDIT_ACTION_CODES.join(' ')}`)
    .option('--actor <NAME>', '只看这个人的操作')
    .option('--text <WORDS>', '内容中含有这些字（集体名称、文件名）');
}

export function registerAudit(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  const audit = program.command('audit').description('操作记录：谁在什么时候做了什么（只能查看和导出，不能修改）');
  filterFlags(audit.command('list').description('列出操作记录，最新的在前'))
    .option('--limit <N>', '最多列出多少条', '200')
    .option('--json', '以 JSON 输出')
    .action(async (opts: FilterFlags & { limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
        throw new CliFailure('invalid-input', `--limit 应为 1 到 100000 的整数：${opts.limit}`);
      const result = await call<OpOutput<'audit.list'>>(dataFlag(), 'audit.list', { ...queryOf(opts), limit });
      emit(result, () => {
        for (const r of result.rows)
          out.print(
            `${chinaTimeLabel(r.at)}  ${pad(r.actor, 16)} ${pad(AUDIT_ACTIONS[r.action as AuditAction] ?? r.action, 9)} ${r.summary}`,
          );
        out.print(
          result.total > result.rows.length
            ? `共 ${result.total} 条，列出最新的 ${result.rows.length} 条`
            : `共 ${result.total} 条`,
        );
      });
    });
  filterFlags(
    audit.command('export').argument('<OUT>', '保存为（.xlsx）').description('把操作记录（按筛选条件）导出为 Excel'),
  )
    .option('--json', '以 JSON 输出')
    .action(async (target: string, opts: FilterFlags) => {
      const result = await callAndSave<OpOutput<'audit.export'>>(
        dataFlag(),
        'audit.export',
        { ...queryOf(opts), limit: 100_000 },
        target,
      );
      emit(result, () => out.print(`已导出 ${result.rows} 条操作记录：${result.file}`));
    });
  audit
    .command('user')
    .argument('[NAME]', '使用人的姓名；不写则显示当前的')
    .description('记在操作记录里的使用人（与“设置 → 使用人”相同）')
    .option('--json', '以 JSON 输出')
    .action(async (name: string | undefined) => {
      const result = name
        ? await call<OpOutput<'audit.setUser'>>(dataFlag(), 'audit.setUser', { name })
        : await call<OpOutput<'audit.user'>>(dataFlag(), 'audit.user');
      emit(result, () =>
        out.print(result.name ? `使用人：${result.name}` : '还没有设置使用人（操作记录写作“办公室（未设置姓名）”）'),
      );
    });
}
