import { Alert, App, Button, Empty, Result, Segmented, Space, Spin } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useOp } from '../../api/useOp';
import { prefetchEvidence } from './prefetch';
import { isTypingTarget } from '../../util/format';
import { useKeydown } from '../../util/useAction';
import { Evidence } from './Evidence';
import { HistoryDrawer } from './HistoryDrawer';
import { OfficePackageActions, ReviewerPackageActions } from './PackageActions';
import { PracticeToggle } from './PracticeToggle';
import { ResultsPanel } from './ResultsPanel';
import { ReviewerPicker } from './ReviewerPicker';
import { ReviewForm, type ReviewFormHandle } from './ReviewForm';
import { ReviewQueue, type QueueFilter } from './ReviewQueue';
import { useReviewDraft } from './useReviewDraft';

const REVIEWER_KEY = 'desk.review.reviewer';
const lastKey = (reviewerId: number) => `desk.review.last.${reviewerId}`;

function Workspace({
  reviewerId,
  reviewerName,
  submissionId,
  onNext,
}: {
  reviewerId: number;
  reviewerName: string;
  submissionId: number;
  onNext: (delta: number) => void;
}) {
  const campaign = useOp('campaigns.current', undefined, ['campaigns']);
  const preferences = useOp('reviews.preferences', undefined, ['settings']);
  const advanceOnAnswer = preferences.data?.advanceOnAnswer ?? true;
  const { review, draft, update, save, savedAt, error } = useReviewDraft(submissionId, reviewerId);
  const [active, setActive] = useState(0);
  const [historyOpen, setHistoryOpen] = useState(false);
  const form = useRef<ReviewFormHandle>(null);
  const panes = useRef<Array<HTMLDivElement | null>>([]);
  const { message } = App.useApp();
  const items = campaign.data?.items ?? [];
  // One workspace for the whole walk: moving on redraws what differs instead of building the
  // page again (which is what made J slow). What belongs to one submission starts over here.
  const [shownFor, setShownFor] = useState(submissionId);
  if (shownFor !== submissionId) {
    setShownFor(submissionId);
    setActive(0);
    setHistoryOpen(false);
  }
  // The panes start at the top again. Only a pane the reviewer scrolled is touched: setting (or
  // reading) scrollTop makes the browser lay the page out before the new submission is drawn.
  const scrolled = useRef([false, false]);
  useLayoutEffect(() => {
    panes.current.forEach((pane, i) => {
      if (pane && scrolled.current[i]) pane.scrollTop = 0;
      scrolled.current[i] = false;
    });
  }, [submissionId]);
  const paneProps = (i: number) => ({
    ref: (el: HTMLDivElement | null) => void (panes.current[i] = el),
    onScroll: () => void (scrolled.current[i] = true),
  });

  const submit = async () => {
    try {
      await save('submitted');
      message.success('已提交评审');
      onNext(1);
    } catch {
      // useReviewDraft shows the reason.
    }
  };

  useKeydown((event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save().then((r) => r && message.success('已保存'));
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void submit();
      return;
    }
    if (event.key === 'Escape' && isTypingTarget(event.target)) {
      (event.target as HTMLElement).blur();
      return;
    }
    if (isTypingTarget(event.target) || event.ctrlKey || event.altKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    // Moving on never waits for this submission's form to load; answering does.
    if (key === 'j' || key === 'pagedown' || key === 'k' || key === 'pageup') {
      event.preventDefault();
      onNext(key === 'j' || key === 'pagedown' ? 1 : -1);
      return;
    }
    if (!draft) return;
    const item = items[active];
    if (key === 'arrowdown' || key === 'arrowup') {
      event.preventDefault();
      setActive((a) => Math.min(items.length - 1, Math.max(0, a + (key === 'arrowdown' ? 1 : -1))));
    } else if (key === 'c') {
      event.preventDefault();
      form.current?.focusComment();
    } else if (item && (key === 'y' || key === 'n' || key === ' ')) {
      event.preventDefault();
      const id = String(item.id);
      update((d) => {
        const current = d.answers[id] ?? {};
        const yes = key === ' ' ? !(item.kind === 'veto' ? current.vetoed : current.done) : key === 'y';
        const answer = item.kind === 'veto' ? { ...current, vetoed: yes } : { ...current, done: yes };
        return { ...d, answers: { ...d.answers, [id]: answer } };
      });
      // Whether Y / N also moves on is the reviewer's choice (? shows it and switches it).
      if (advanceOnAnswer && item.kind === 'check' && key !== ' ') setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (item && /^[0-9]$/.test(key) && (item.kind === 'count' || item.kind === 'score')) {
      // The digit lands in the number field, which keeps the focus for the rest of the number.
      form.current?.focusItemInput(active);
    }
  });

  // The evidence does not wait for the form: both load side by side.
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 440px', gap: 12, height: '100%', minHeight: 0 }}
    >
      <div style={{ minHeight: 0, overflow: 'auto' }} {...paneProps(0)}>
        <Evidence submissionId={submissionId} />
      </div>
      <div className="desk-card" style={{ padding: 12, overflow: 'auto', minHeight: 0 }} {...paneProps(1)}>
        {!campaign.data || !review || !draft ? (
          <Spin />
        ) : (
          <>
            {review.status === 'returned' && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                title={`办公室退回：${review.returnReason ?? ''}`}
                description="修改后按 Ctrl+Enter 重新提交。"
              />
            )}
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <div className="desk-muted" style={{ fontSize: 12, marginBottom: 6 }} data-testid="review-saved">
                {error ? (
                  <span style={{ color: '#c8102e' }}>{error}</span>
                ) : savedAt ? (
                  `已自动保存 ${savedAt}`
                ) : review.updatedAt ? (
                  '已保存'
                ) : (
                  '尚未评审'
                )}
                {review.status === 'submitted' ? ' · 已提交' : ''}
              </div>
              <Button size="small" type="link" onClick={() => setHistoryOpen(true)}>
                修改记录
              </Button>
            </Space>
            {historyOpen && (
              <HistoryDrawer
                target={{ submissionId, reviewerId, title: reviewerName }}
                onClose={() => setHistoryOpen(false)}
              />
            )}
            <ReviewForm
              ref={form}
              submissionId={submissionId}
              campaign={campaign.data}
              draft={draft}
              review={review}
              activeItem={active}
              onActivate={setActive}
              onChange={update}
              onSubmit={() => void submit()}
            />
            <div style={{ marginTop: 8 }}>
              <PracticeToggle submissionId={submissionId} reviewerName={reviewerName} />
            </div>
          </>
        )}
      </div>
    </div>
  );
}

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
