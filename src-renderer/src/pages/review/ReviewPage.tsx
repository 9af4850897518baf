import { Empty, Result, Segmented, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useOp } from '../../api/useOp';
import { prefetchEvidence } from './prefetch';
import { OfficePackageActions, ReviewerPackageActions } from './PackageActions';
import { ResultsPanel } from './ResultsPanel';
import { ReviewerPicker } from './ReviewerPicker';
import { ReviewQueue, type QueueFilter } from './ReviewQueue';
import { Workspace } from './Workspace';

const REVIEWER_KEY = 'desk.review.reviewer';
const lastKey = (reviewerId: number) => `desk.review.last.${reviewerId}`;

/** Rows of the queue on one page: a reviewer not yet assigned anything sees the whole campaign. */
const QUEUE_PAGE = 50;

/** 评审: the queue on the left, the evidence in the middle, the form on the right — all by keyboard. */
export function ReviewPage() {
  const [reviewerId, setReviewerId] = useState<number | null>(() => Number(localStorage.getItem(REVIEWER_KEY)) || null);
  const packages = useOp('reviews.packages', undefined, ['reviews']);
  const reviewerList = useOp('reviewers.list', undefined, ['reviews']);
  const packageReviewer = packages.data?.length
    ? reviewerList.data?.find((r) => r.name === packages.data!.at(-1)!.reviewer)
    : undefined;
  // On a reviewer's laptop the package says who is reviewing.
  useEffect(() => {
    if (packageReviewer && reviewerId !== packageReviewer.id) setReviewerId(packageReviewer.id);
  }, [packageReviewer, reviewerId]);
  const [filter, setFilter] = useState<QueueFilter>({ status: 'all', late: false, incomplete: false, sort: 'sector' });
  const [offset, setOffset] = useState(0);
  // One page of the filtered queue from core, with the order of all of it as ids: J/K crosses pages by it.
  const queue = useOp(
    'reviews.queuePage',
    { reviewerId: reviewerId ?? 0, ...filter, offset, limit: QUEUE_PAGE },
    filter.words ? ['reviews', 'submissions', 'search'] : ['reviews', 'submissions'],
  );
  const rows = reviewerId ? (queue.data?.rows ?? []) : [];
  const order = useMemo(() => (reviewerId ? (queue.data?.order ?? []) : []), [queue.data, reviewerId]);
  const [selected, setSelected] = useState<number | null>(null);
  const changeFilter = (f: QueueFilter) => {
    setFilter(f);
    setOffset(0);
  };

  useEffect(() => {
    if (!reviewerId) return;
    localStorage.setItem(REVIEWER_KEY, String(reviewerId));
    // Reopening lands where this reviewer left off.
    setSelected(Number(localStorage.getItem(lastKey(reviewerId))) || null);
  }, [reviewerId]);
  useEffect(() => {
    if (reviewerId && selected) localStorage.setItem(lastKey(reviewerId), String(selected));
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

  const reviewerName = reviewerList.data?.find((r) => r.id === reviewerId)?.name ?? '';
  const [tab, setTab] = useState<'mine' | 'office'>('mine');
  const move = (delta: number) => {
    direction.current = delta < 0 ? -1 : 1;
    const index = selected === null ? -1 : order.indexOf(selected);
    const next = order[Math.min(order.length - 1, Math.max(0, index + delta))];
    if (next) setSelected(next);
  };

  return (
    <div className="desk-page" style={{ overflow: 'hidden' }}>
      <div className="desk-page-header">
        <Space size={16}>
          <h2>评审</h2>
          {!packageReviewer && (
            <Segmented
              value={tab}
              onChange={(v) => setTab(v as 'mine' | 'office')}
              options={[
                { value: 'mine', label: '我的评审' },
                { value: 'office', label: '汇总与定级' },
              ]}
            />
          )}
        </Space>
        <Space>
          {tab === 'mine' && !packageReviewer && <ReviewerPicker value={reviewerId} onChange={setReviewerId} />}
          {tab === 'mine' && <ReviewerPackageActions reviewerMode={!!packageReviewer} />}
          {tab === 'office' && <OfficePackageActions />}
        </Space>
      </div>
      {tab === 'office' ? (
        <div style={{ overflow: 'auto', minHeight: 0 }}>
          <ResultsPanel />
        </div>
      ) : !reviewerId ? (
        <Result
          status="info"
          title="请先选择评审人"
          subTitle="在右上角选择你的名字；第一次使用请点“新增评审人”。评审会按评审人分别保存。"
        />
      ) : queue.data && queue.data.queueSize === 0 ? (
        <Empty description="本年度还没有可评审的材料：请先在“收件”中导入并认领各集体的材料。" />
      ) : (
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
            <Workspace reviewerId={reviewerId} reviewerName={reviewerName} submissionId={selected} onNext={move} />
          ) : (
            <Empty description="选择左侧的一份材料开始评审" />
          )}
        </div>
      )}
    </div>
  );
}
