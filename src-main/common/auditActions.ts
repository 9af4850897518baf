/**
 * The kinds of change the 操作记录 keeps, as stable codes (the CLI's JSON, the filter) with the
 * words the office reads. Shared by core (which writes them) and the renderer (which filters).
 */
export const AUDIT_ACTIONS = {
  import: '导入材料',
  claim: '认领',
  correction: '更正材料',
  deletion: '删除',
  roster: '名册',
  campaign: '年度工作',
  review: '评审',
  decision: '定级',
  honors: '表彰',
  status: '状态变更',
  reminder: '提醒',
  export: '导出',
  backup: '备份',
  restore: '恢复',
  settings: '设置',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export const AUDIT_VIA = { desktop: '桌面版', browser: '浏览器模式', cli: '命令行', test: '测试' } as const;
export type AuditVia = keyof typeof AUDIT_VIA;
