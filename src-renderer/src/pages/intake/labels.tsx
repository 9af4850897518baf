import { Tag } from 'antd';
import { chinaTimeLabel } from '../../../../src-main/common/chinaTime';
import { INTAKE_STATUS, labelOf, RECEIVED_FROM } from '../../../../src-main/common/statuses';

const STATUS_COLOR: Record<string, string> = {
  imported: 'green',
  unmatched: 'orange',
  duplicate: 'default',
  rejected: 'red',
  skipped: 'default',
};

export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{labelOf(INTAKE_STATUS, status)}</Tag>;
}

/** Which clock a received time came from, in words. */
export function receivedFromLabel(code: string | null | undefined): string {
  return labelOf(RECEIVED_FROM, code);
}

/** 2022-10-31T15:30:00Z → 2022-10-31 23:30, in China time whatever the machine's zone. */
export const chinaTime = chinaTimeLabel;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
