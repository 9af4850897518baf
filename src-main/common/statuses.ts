/**
 * Every status the app shows, as the code core stores and returns and the Chinese label people
 * read. Core, the CLI and the renderer take the label from here; no label is written twice.
 */

export const REVIEW_STATUS = { draft: '草稿', submitted: '已提交', returned: '退回' } as const;

/** Where one submission stands in one reviewer's queue. */
export const QUEUE_STATUS = { todo: '待评', started: '评审中', done: '已评', returned: '退回' } as const;
export type QueueStatus = keyof typeof QUEUE_STATUS;

/** What intake made of one source. */
export const INTAKE_STATUS = {
  imported: '已收',
  unmatched: '待认领',
  duplicate: '重复',
  rejected: '拒收',
  skipped: '跳过',
} as const;
export type IntakeStatus = keyof typeof INTAKE_STATUS;

/** Which clock a received time was read from. */
export const RECEIVED_FROM = {
  email: '邮件时间',
  archive: '压缩包内文件时间',
  file: '文件修改时间',
  manual: '办公室更正',
  import: '导入时间',
} as const;
export type ReceivedFrom = keyof typeof RECEIVED_FROM;

export const COMPLETENESS = { complete: '齐全', incomplete: '不齐全' } as const;

/** A unit's standing in the roster (the office's sheets write the label; imports read either). */
export const UNIT_STATUS = { active: '在册', suspended: '暂停', revoked: '撤销' } as const;
export type UnitStatus = keyof typeof UNIT_STATUS;
export const UNIT_STATUSES = ['active', 'suspended', 'revoked'] as const satisfies readonly UnitStatus[];

/** The label of a code, or the code itself for one this version does not know (a newer file's). */
export function labelOf<T extends Record<string, string>>(table: T, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code as keyof T]! : code;
}

/** 按时 / 逾期 / 逾期补齐: a unit's material judged together (逾期补齐 counted apart from 逾期). */
export const TIMING = { onTime: '按时', late: '逾期', completedLate: '逾期补齐' } as const;
export type Timing = (typeof TIMING)[keyof typeof TIMING];
export function timingOf(s: { late: boolean; completedLate?: boolean }): Timing {
  return s.late ? TIMING.late : s.completedLate ? TIMING.completedLate : TIMING.onTime;
}

/** 齐全 / 不齐全 from a yes-or-no, '—' where nothing was judged. */
export function completenessLabel(complete: boolean | null | undefined, none = '—'): string {
  return complete === null || complete === undefined ? none : COMPLETENESS[complete ? 'complete' : 'incomplete'];
}

/** Material no unit has claimed yet is shown under this name wherever a unit's name would stand. */
export const UNCLAIMED = INTAKE_STATUS.unmatched;
