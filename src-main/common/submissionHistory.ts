import { chinaTimeLabel } from './chinaTime';

/** One correction as the drawer and `desk submissions history` print it. */
export interface HistoryLineInput {
  action: string;
  before: string | null;
  after: string | null;
  reason: string;
}

const HISTORY_ACTION = {
  'received-at': '收到时间',
  unit: '所属集体',
  'file-kind': '文件类别',
  deleted: '删除',
  restored: '恢复',
  'taken-as': '收为',
} as const;

export function historyLine(h: HistoryLineInput): string {
  const reason = h.reason ? `；理由：${h.reason}` : '';
  if (h.action === 'deleted' || h.action === 'restored') return `${HISTORY_ACTION[h.action]}${reason}`;
  const show = (v: string | null) => (v === null ? '—' : h.action === 'received-at' ? chinaTimeLabel(v) : v);
  const label = HISTORY_ACTION[h.action as keyof typeof HISTORY_ACTION] ?? h.action;
  return `${label} ${show(h.before)} → ${show(h.after)}${reason}`;
}
