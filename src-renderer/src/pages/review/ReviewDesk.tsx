import { Empty } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useOp } from '../../api/useOp';
import { prefetchEvidence } from './prefetch';
import { ReviewQueue, type QueueFilter } from './ReviewQueue';
import { Workspace } from './Workspace';

const lastKey = (reviewerId: number) => `desk.review.last.${reviewerId}`;

/** Rows of the queue on one page: a reviewer not yet assigned anything sees the whole campaign. */
const QUEUE_PAGE = 50;

/**
 * One reviewer's queue beside the submission they have open, walked by keyboard: the office's 我的评审 and a
 * reviewer's own session on a review day (`session`: no office controls) are the same desk.
 */
export function ReviewDesk({
  reviewerId,
  reviewerName,
  session = false,
}: {
  reviewerId: number;
  reviewerName: string;
  session?: boolean;
}) {
  const [filter, setFilter] = useState<QueueFilter>({ status: 'all', late: false, incomplete: false, sort: 'sector' });
  const [offset, setOffset] = useState(0);
  // One page of the filtered queue from core, with the order of all of it as ids: J/K crosses pages by it.
  const queue = useOp(
    'reviews.queuePage',
    { reviewerId: reviewerId, ...filter, offset, limit: QUEUE_PAGE },
    filter.words ? ['reviews', 'submissions', 'search'] : ['reviews', 'submissions'],
  );
  const rows = queue.data?.rows ?? [];
  const order = useMemo(() => queue.data?.order ?? [], [queue.data]);
  const [selected, setSelected] = useState<number | null>(null);
  const changeFilter = (f: QueueFilter) => {
    setFilter(f);
    setOffset(0);
  };

  useEffect(() => {
    // Reopening lands where this reviewer left off.
    setSelected(Number(localStorage.getItem(lastKey(reviewerId))) || null);
  }, [reviewerId]);
  useEffect(() => {
    if (selected) localStorage.setItem(lastKey(reviewerId), String(selected));
  }, [reviewerId, selected]);
  useEffect(() => {
    if (!order.length) return;
    const index = selected === null ? -1 : order.indexOf(selected);
    if (index < 0) return setSelected(order[0]!);
    // The page follows the selection: J on the last row of a page opens the next page.
    const page = Math.floor(index / QUEUE_PAGE) * QUEUE_PAGE;
    if (page !== offset) setOffset(page);
  }, [order, selected, offset]);

  // The next two in the queue — the way the reviewer is walking — are warmed at once: a call in
  // flight is shared with the page that asks for it, so warming early never loads anything
  // twice, and J (or K) finds them ready.
  const direction = useRef<1 | -1>(1);
  useEffect(() => {
    const index = selected === null ? -1 : order.indexOf(selected);
    if (index < 0 || !reviewerId) return;
    for (const step of [1, 2]) {
      const next = order[index + step * direction.current];
      if (next) prefetchEvidence(next, reviewerId);
    }
  }, [order, selected, reviewerId]);

  const move = (delta: number) => {
    direction.current = delta < 0 ? -1 : 1;
    const index = selected === null ? -1 : order.indexOf(selected);
    const next = order[Math.min(order.length - 1, Math.max(0, index + delta))];
    if (next) setSelected(next);
  };

  if (queue.data && queue.data.queueSize === 0)
    return (
      <Empty
        description={
          session
            ? '办公室还没有给您分配材料，请稍候或告诉办公室。'
            : '本年度还没有可评审的材料：请先在“收件”中导入并认领各集体的材料。'
        }
      />
    );
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '260px minmax(0, 1fr)', gap: 12, flex: 1, minHeight: 0 }}>
      <div className="desk-card" style={{ padding: 8, minHeight: 0 }}>
        <ReviewQueue
          rows={rows}
          sectors={queue.data?.sectors ?? []}
          // Turning the page selects its first row, so the page and the selection agree.
          paging={{
            total: queue.data?.total ?? 0,
            offset,
            pageSize: QUEUE_PAGE,
            onPage: (o) => order[o] !== undefined && setSelected(order[o]!),
          }}
          selected={selected}
          filter={filter}
          onFilter={changeFilter}
          onSelect={setSelected}
        />
      </div>
      {selected ? (
        <Workspace
          reviewerId={reviewerId}
          reviewerName={reviewerName}
          submissionId={selected}
          onNext={move}
          session={session}
        />
      ) : (
        <Empty description="选择左侧的一份材料开始评审" />
      )}
    </div>
  );
}
