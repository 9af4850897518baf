import type { Command } from 'commander';
import { chinaTimeLabel } from '../common/chinaTime';
import type { OpOutput } from '../core/operations';
import { snippetParts } from '../common/search';
import { call, CliFailure, year, type Emit, type Output } from './run';
import { UNCLAIMED } from '../common/statuses';

/** The snippet's match between 【 and 】, as a terminal (or a script reading JSON) can show it. */
const bracketed = (snippet: string) =>
  snippetParts(snippet)
    .map((p) => (p.match ? `【${p.text}】` : p.text))
    .join('')
    .replace(/\s+/g, ' ');

/** `desk search`: what Ctrl+K finds, with every summary hit rather than the first few. */
export function registerSearch(program: Command, dataFlag: () => string | undefined, emit: Emit, out: Output): void {
  program
    .command('search')
    .argument('<TEXT>', '要查找的文字（空格分开的几个词须同时出现；工作总结中的词至少三个字）')
    .description('查找集体（名称、别名、拼音首字母）、本年度材料、评审人和工作总结中的文字')
    .option('--campaign <YEAR>', '在哪一年度中查找（默认当前年度）')
    .option('--all-years', '工作总结在所有年度中查找')
    .option('--limit <N>', '工作总结最多列出多少条', '50')
    .option('--json', '以 JSON 输出')
    .action(async (text: string, opts: { campaign?: string; allYears?: boolean; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new CliFailure('invalid-input', `--limit 应为 1 到 500 的整数：${opts.limit}`);
      const campaignYear = year(opts.campaign);
      // What this machine's imports left unread is read now: the CLI has no background to do it in.
      await call(dataFlag(), 'search.index');
      const found = await call<OpOutput<'search.global'>>(dataFlag(), 'search.global', { query: text, campaignYear });
      const summaries = found.summariesSearched
        ? await call<OpOutput<'search.summaries'>>(dataFlag(), 'search.summaries', {
            query: text,
            campaignYear,
            allYears: !!opts.allYears,
            limit,
          })
        : null;
      const result = {
        query: text,
        units: found.units,
        submissions: found.submissions,
        reviewers: found.reviewers,
        summaries: (summaries?.hits ?? []).map((h) => ({ ...h, snippet: bracketed(h.snippet) })),
        summariesSearched: found.summariesSearched,
        more: summaries?.more ?? false,
        index: await call<OpOutput<'search.state'>>(dataFlag(), 'search.state'),
      };
      emit(result, () => {
        for (const u of result.units) out.print(`集体  ${u.name}（${u.sectorName ?? '未分配系统'}）`);
        for (const s of result.submissions)
          out.print(`材料  ${s.unitName ?? UNCLAIMED} 第${s.version}版  ${chinaTimeLabel(s.receivedAt)}  ${s.label}`);
        for (const r of result.reviewers) out.print(`评审人  ${r.name}${r.active ? '' : '（已停用）'}`);
        for (const h of result.summaries)
          out.print(`总结  ${h.campaignYear} ${h.unitName ?? UNCLAIMED} · ${h.fileName}\n      ${h.snippet}`);
        if (!result.summariesSearched) out.print('（工作总结按至少三个字的词查找）');
        if (result.more) out.print(`工作总结只列出前 ${limit} 条，可用 --limit 列出更多`);
        if (!result.units.length && !result.submissions.length && !result.reviewers.length && !result.summaries.length)
          out.print(`没有找到“${text}”`);
      });
    });
}
