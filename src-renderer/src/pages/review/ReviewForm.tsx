import { Alert, Button, Checkbox, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { OpOutput } from '../../api/client';
import type { Draft } from './useReviewDraft';

type Campaign = NonNullable<OpOutput<'campaigns.current'>>;
type Item = Campaign['items'][number];
type Review = OpOutput<'reviews.get'>;

export interface ReviewFormHandle {
  focusItemInput(index: number): void;
  focusComment(): void;
}

interface Props {
  campaign: Campaign;
  draft: Draft;
  review: Review;
  activeItem: number;
  onActivate(index: number): void;
  onChange(change: (d: Draft) => Draft): void;
  onSubmit(): void;
}

function ItemControl({ item, answer, onAnswer, inputRef }: { item: Item; answer: Draft['answers'][string] | undefined; onAnswer: (a: Draft['answers'][string]) => void; inputRef: (el: HTMLInputElement | null) => void }) {
  if (item.kind === 'check') {
    return (
      <Radio.Group size="small" optionType="button" value={answer?.done === undefined ? undefined : answer.done ? 'y' : 'n'} onChange={(e) => onAnswer({ ...answer, done: e.target.value === 'y' })} options={[{ value: 'y', label: '已开展' }, { value: 'n', label: '未开展' }]} />
    );
  }
  if (item.kind === 'veto') {
    return <Checkbox checked={!!answer?.vetoed} onChange={(e) => onAnswer({ ...answer, vetoed: e.target.checked })}>触发一票否决</Checkbox>;
  }
  const max = item.kind === 'score' ? item.points : 1000;
  return (
    <InputNumber
      size="small"
      min={0}
      max={max}
      precision={item.kind === 'count' ? 0 : 1}
      value={item.kind === 'count' ? answer?.count : answer?.score}
      onChange={(v) => onAnswer({ ...answer, ...(item.kind === 'count' ? { count: v ?? undefined } : { score: v ?? undefined }) })}
      addonAfter={item.kind === 'count' ? `次（≥${item.minCount}）` : `/ ${item.points} 分`}
      style={{ width: 150 }}
      ref={inputRef}
      aria-label={item.title}
    />
  );
}

/** The checklist as a scoring form; the total and verdict are computed by core as the reviewer answers. */
export const ReviewForm = forwardRef<ReviewFormHandle, Props>(function ReviewForm({ campaign, draft, review, activeItem, onActivate, onChange, onSubmit }, ref) {
  const inputs = useRef<Array<HTMLInputElement | null>>([]);
  const comment = useRef<HTMLTextAreaElement | null>(null);
  useImperativeHandle(ref, () => ({
    focusItemInput: (index) => inputs.current[index]?.focus(),
    focusComment: () => comment.current?.focus(),
  }));
  // Keyboard moves keep the active item in view. Not on mount: the first item is in view already,
  // and asking would force a layout of the whole page while the next submission is being drawn.
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    document.querySelector(`[data-testid="review-item-${activeItem}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeItem]);
  const setAnswer = (item: Item, answer: Draft['answers'][string]) => onChange((d) => ({ ...d, answers: { ...d.answers, [String(item.id)]: answer } }));
  let section = '';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="review-form">
      {campaign.items.map((item, index) => {
        const header = item.section !== section ? ((section = item.section), <Typography.Text key={`s-${item.id}`} type="secondary" strong style={{ marginTop: 4 }}>{item.section}</Typography.Text>) : null;
        const answer = draft.answers[String(item.id)];
        const points = review.score.itemScores[item.id] ?? 0;
        return (
          <div key={item.id}>
            {header}
            <div
              className={index === activeItem ? 'desk-review-item desk-review-item-active' : 'desk-review-item'}
              onClick={() => onActivate(index)}
              data-testid={`review-item-${index}`}
            >
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span>
                  {index + 1}. {item.title}
                </span>
                <span className="desk-muted" style={{ whiteSpace: 'nowrap' }}>
                  {item.kind === 'veto' ? '否决项' : `${points} / ${item.points} 分`}
                </span>
              </div>
              <div className="desk-muted" style={{ fontSize: 12 }}>{item.guidance}</div>
              <Space style={{ marginTop: 4 }} wrap>
                <ItemControl item={item} answer={answer} onAnswer={(a) => setAnswer(item, a)} inputRef={(el) => (inputs.current[index] = el)} />
                <Input size="small" placeholder="证据说明（选填）" value={answer?.note ?? ''} onChange={(e) => setAnswer(item, { ...answer, note: e.target.value })} style={{ width: 200 }} />
              </Space>
            </div>
          </div>
        );
      })}
      <Space wrap>
        <span>加分</span>
        <InputNumber size="small" min={0} max={campaign.rubric.bonusCap} value={draft.bonus ?? 0} onChange={(v) => onChange((d) => ({ ...d, bonus: v ?? 0 }))} addonAfter={`≤${campaign.rubric.bonusCap}`} style={{ width: 110 }} aria-label="加分" />
        <span>扣分</span>
        <InputNumber size="small" min={0} max={campaign.rubric.deductionCap} value={draft.deduction ?? 0} onChange={(v) => onChange((d) => ({ ...d, deduction: v ?? 0 }))} addonAfter={`≤${campaign.rubric.deductionCap}`} style={{ width: 110 }} aria-label="扣分" />
        <Input size="small" placeholder="加减分理由" value={draft.adjustmentNote ?? ''} onChange={(e) => onChange((d) => ({ ...d, adjustmentNote: e.target.value }))} style={{ width: 180 }} />
      </Space>
      <Input.TextArea ref={(el) => void (comment.current = el?.resizableTextArea?.textArea ?? null)} rows={3} placeholder="总体评语（按 C 跳到这里）" value={draft.comment ?? ''} onChange={(e) => onChange((d) => ({ ...d, comment: e.target.value }))} aria-label="总体评语" />
      {review.score.flags.length > 0 && <Alert type="warning" showIcon title={review.score.flags.join('；')} />}
      {review.excluded && <Alert type="error" showIcon title="你与该集体存在利益关联（同单位或同系统），这份评审会保留但不计入结果。" />}
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <span data-testid="review-total" style={{ fontSize: 18, fontWeight: 600 }}>
          总分 {review.score.total}
          <Tag color={review.score.vetoed ? 'red' : 'blue'} style={{ marginLeft: 8 }}>
            {review.score.verdict}
          </Tag>
        </span>
        <span className="desk-muted">{review.score.unanswered.length ? `还有 ${review.score.unanswered.length} 项未评` : '各项已评完'}</span>
      </Space>
      <Button type="primary" disabled={review.score.unanswered.length > 0} data-testid="review-submit" onClick={onSubmit}>
        提交评审（Ctrl+Enter）
      </Button>
    </div>
  );
});
