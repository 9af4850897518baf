import { Drawer, Empty, Tag, Timeline } from 'antd';
import { useOp } from '../../api/useOp';
import { chinaTime } from '../intake/labels';
import { labelOf, REVIEW_STATUS } from '../../../../src-main/common/statuses';

interface Snapshot {
  comment?: string;
  total?: number;
  verdict?: string;
  status?: string;
  note?: string;
}

/** How a score came to be: every change to one review, who made it and when. */
export function HistoryDrawer({
  target,
  onClose,
}: {
  target: { submissionId: number; reviewerId: number; title: string } | null;
  onClose: () => void;
}) {
  const history = useOp(
    'reviews.history',
    { submissionId: target?.submissionId ?? 1, reviewerId: target?.reviewerId ?? 1 },
    ['reviews'],
  );
  const entries = target ? (history.data ?? []) : [];
  return (
    <Drawer open={!!target} onClose={onClose} title={`修改记录：${target?.title ?? ''}`} size={520}>
      {entries.length === 0 ? (
        <Empty description="还没有修改记录" />
      ) : (
        <Timeline
          data-testid="review-history"
          items={entries.map((h) => {
            const s = h.snapshot as Snapshot;
            return {
              color: s.status === 'returned' ? 'red' : s.status === 'submitted' ? 'green' : 'gray',
              content: (
                <div>
                  <div>
                    {chinaTime(h.changedAt)} · {h.changedBy} · <Tag>{labelOf(REVIEW_STATUS, s.status)}</Tag>
                    {s.total !== undefined ? `${s.total} 分 ${s.verdict ?? ''}` : ''}
                  </div>
                  {s.note && <div className="desk-muted">{s.note}</div>}
                  {s.comment && <div>评语：{s.comment}</div>}
                </div>
              ),
            };
          })}
        />
      )}
    </Drawer>
  );
}
