import { Tag } from 'antd';
import { TIMING, timingOf, type Timing } from '../../../src-main/common/statuses';

const COLOR: Record<Timing, string | null> = {
  [TIMING.onTime]: null,
  [TIMING.late]: 'red',
  [TIMING.completedLate]: 'gold',
};

/** 按时 / 逾期 / 逾期补齐 as every list shows it: plain when on time, a coloured tag otherwise. */
export function TimingTag({ late, completedLate = false }: { late: boolean; completedLate?: boolean }) {
  const timing = timingOf({ late, completedLate });
  const color = COLOR[timing];
  return color ? <Tag color={color}>{timing}</Tag> : <>{timing}</>;
}
