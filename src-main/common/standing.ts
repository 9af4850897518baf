/**
 * 动态管理's words, shared by core (rules, documents), the CLI and the renderer: star levels,
 * how a unit did in a year, what a rule proposes, and the parts of 概览's sector bars.
 */
export const STAR_LEVEL = { 1: '一星', 2: '二星', 3: '三星' } as const;

export function starLabel(star: number | null): string {
  return star ? (STAR_LEVEL[star as 1 | 2 | 3] ?? `${star}星`) : '未定星级';
}

export const YEAR_OUTCOME = { onTime: '按时报送', late: '逾期报送', refused: '材料被拒收', missing: '未报送' } as const;
export type YearOutcome = keyof typeof YEAR_OUTCOME;

export const SUGGESTION = {
  remind: '警告提醒',
  revoke: '建议撤销',
  raiseStar: '建议调整星级',
  checkIntake: '不再收件（核实）',
} as const;
export type Suggestion = keyof typeof SUGGESTION;

/** What a 催报 reminder is about; each situation has its own words to the unit (core/remind/texts.ts). */
export const REMIND_SITUATION = {
  missing: YEAR_OUTCOME.missing,
  incomplete: '材料不齐全',
  refused: YEAR_OUTCOME.refused,
  link: '超大附件未能下载',
} as const;
export type RemindSituation = keyof typeof REMIND_SITUATION;
