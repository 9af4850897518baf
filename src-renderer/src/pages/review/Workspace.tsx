import { Alert, App, Button, Space, Spin } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useOp } from '../../api/useOp';
import { isTypingTarget } from '../../util/format';
import { useKeydown } from '../../util/useAction';
import { Evidence } from './Evidence';
import { HistoryDrawer } from './HistoryDrawer';
import { PracticeToggle } from './PracticeToggle';
import { ReviewForm, type ReviewFormHandle } from './ReviewForm';
import { useReviewDraft } from './useReviewDraft';
import { ConflictPanel } from './ConflictPanel';
import { useEvidenceChecks } from './Badges';

/** One submission under review: the evidence beside the form, saved as the reviewer types. */
export function Workspace({
  reviewerId,
  reviewerName,
  submissionId,
  onNext,
  session = false,
}: {
  reviewerId: number;
  reviewerName: string;
  submissionId: number;
  onNext: (delta: number) => void;
  /** A reviewer's own session (集中评审): 典型做法 is the office's to mark. */
  session?: boolean;
}) {
  const campaign = useOp('campaigns.current', undefined, ['campaigns']);
  const preferences = useOp('reviews.preferences', undefined, ['settings']);
  const advanceOnAnswer = preferences.data?.advanceOnAnswer ?? true;
  const { review, draft, update, save, savedAt, error, conflict, resolve } = useReviewDraft(submissionId, reviewerId);
  const [active, setActive] = useState(0);
  const [historyOpen, setHistoryOpen] = useState(false);
  // The 评审助手: computed once per summary in core; `shown` is the passage the reviewer asked to see.
  const aid = useOp('reviews.evidence', { submissionId }, ['submissions', 'campaigns', 'search'], { exact: true });
  const [shown, setShown] = useState<{ text: string; at: number } | null>(null);
  // Which of the active item's passages E shows next.
  const turn = useRef(0);
  useEffect(() => void (turn.current = 0), [active, submissionId]);
  const form = useRef<ReviewFormHandle>(null);
  const panes = useRef<Array<HTMLDivElement | null>>([]);
  const items = campaign.data?.items ?? [];
  // One workspace for the whole walk: moving on redraws what differs instead of building the
  // page again (which is what made J slow). What belongs to one submission starts over here.
  const [shownFor, setShownFor] = useState(submissionId);
  if (shownFor !== submissionId) {
    setShownFor(submissionId);
    setActive(0);
    setHistoryOpen(false);
    setShown(null);
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

  const { message, modal } = App.useApp();
  // A new object each click, so asking for the same passage twice scrolls to it again.
  const showPassage = useCallback((text: string) => setShown({ text, at: Date.now() }), []);
  const checks = useEvidenceChecks(submissionId);
  const unreadable = checks?.badges.find((b) => b.code === 'no-readable-summary');
  const send = async () => {
    try {
      await save('submitted');
      message.success('已提交评审');
      onNext(1);
    } catch {
      // useReviewDraft shows the reason.
    }
  };
  // A score with nothing to read behind it is asked about first: it happened (a 100 for a packed archive).
  const submit = () =>
    unreadable
      ? modal.confirm({
          title: '这份材料没有可读的工作总结',
          content: `${unreadable.text}。确定要在没有看到工作总结的情况下提交评分吗？`,
          okText: '仍然提交',
          cancelText: '先不提交',
          onOk: send,
        })
      : void send();

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
    } else if (item && (key === 'e' || key === 'a')) {
      // The 评审助手 by keyboard: E shows the item's passages in the summary one after another; A takes
      // the count it read — as the buttons do, and only when the reviewer asks.
      const found = aid.data?.items.find((a) => a.itemId === item.id);
      if (key === 'e' && found?.passages.length) {
        event.preventDefault();
        showPassage(found.passages[turn.current++ % found.passages.length]!.text);
      } else if (key === 'a' && item.kind === 'count' && found?.count != null) {
        event.preventDefault();
        const id = String(item.id);
        update((d) => ({ ...d, answers: { ...d.answers, [id]: { ...d.answers[id], count: found.count! } } }));
      }
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
        <Evidence submissionId={submissionId} summarySha={aid.data?.summary?.sha256} shown={shown} />
      </div>
      <div className="desk-card" style={{ padding: 12, overflow: 'auto', minHeight: 0 }} {...paneProps(1)}>
        {!campaign.data || !review || !draft ? (
          <Spin />
        ) : (
          <>
            {conflict && (
              // Stays in sight however far down the form the reviewer was typing.
              <div style={{ position: 'sticky', top: -12, zIndex: 2, background: '#fff', paddingTop: 12 }}>
                <ConflictPanel conflict={conflict} onResolve={(keep) => void resolve(keep)} />
              </div>
            )}
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
              aid={aid.data}
              onShowPassage={showPassage}
            />
            {!session && (
              <div style={{ marginTop: 8 }}>
                <PracticeToggle submissionId={submissionId} reviewerName={reviewerName} />
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
