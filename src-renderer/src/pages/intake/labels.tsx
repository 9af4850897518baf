import { Tag } from 'antd';

export const STATUS_TAG: Record<string, { color: string; text: string }> = {
  imported: { color: 'green', text: '已收' },
  unmatched: { color: 'orange', text: '待认领' },
  duplicate: { color: 'default', text: '重复' },
  rejected: { color: 'red', text: '拒收' },
};

export const RECEIVED_FROM: Record<string, string> = { email: '邮件时间', archive: '压缩包内文件时间', import: '导入时间' };

export function StatusTag({ status }: { status: string }) {
  const tag = STATUS_TAG[status] ?? { color: 'default', text: status };
  return <Tag color={tag.color}>{tag.text}</Tag>;
}

/** 2022-10-31T15:30:00Z → 2022-10-31 23:30, in China time whatever the machine's zone. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
