import { Alert, Button, Checkbox, Input, Radio, Space, Tag, Typography } from 'antd';
import { NumberField } from '../../components/NumberField';
import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import type { OpOutput } from '../../api/client';
import type { Draft } from './useReviewDraft';
import { ItemAid, type Aid } from './ItemAid';

type Campaign = NonNullable<OpOutput<'campaigns.current'>>;
type Item = Campaign['items'][number];
type Review = OpOutput<'reviews.get'>;

export interface ReviewFormHandle {
  focusItemInput(index: number): void;
  focusComment(): void;
}

interface Props {
  submissionId: number;
  campaign: Campaign;
  draft: Draft;
  review: Review;
  activeItem: number;
  onActivate(index: number): void;
  onChange(change: (d: Draft) => Draft): void;
  onSubmit(): void;
  /** The 评审助手's passages for this submission (absent while they load, or with nothing readable). */
  aid?: Aid;
  onShowPassage(text: string): void;
}

function ItemControl({
  item,
  answer,
  onAnswer,
  inputRef,
}: {
  item: Item;
  answer: Draft['answers'][string] | undefined;
  onAnswer: (a: Draft['answers'][string]) => void;
  inputRef: (el: HTMLInputElement | null) => void;
}) {
  if (item.kind === 'check') {
    return (
      <Radio.Group
        size="small"
        optionType="button"
        value={answer?.done === undefined ? undefined : answer.done ? 'y' : 'n'}
        onChange={(e) => onAnswer({ ...answer, done: e.target.value === 'y' })}
        options={[
          { value: 'y', label: '已开展' },
          { value: 'n', label: '未开展' },
        ]}
      />
    );
  }
  if (item.kind === 'veto') {
    return (
      <Checkbox checked={!!answer?.vetoed} onChange={(e) => onAnswer({ ...answer, vetoed: e.target.checked })}>
        触发一票否决
      </Checkbox>
    );
  }
  const max = item.kind === 'score' ? item.points : 1000;
  return (
    <NumberField
      size="small"
      min={0}
      max={max}
      precision={item.kind === 'count' ? 0 : 1}
      value={item.kind === 'count' ? answer?.count : answer?.score}
      onChange={(v) =>
        onAnswer({ ...answer, ...(item.kind === 'count' ? { count: v ?? undefined } : { score: v ?? undefined }) })
      }
      addonAfter={item.kind === 'count' ? `次（≥${item.minCount}）` : `/ ${item.points} 分`}
      style={{ width: 150 }}
      ref={inputRef}
      aria-label={item.title}
    />
  );
}

interface RowProps {
  item: Item;
  index: number;
  header: boolean;
  answer: Draft['answers'][string] | undefined;
  points: number;
  active: boolean;
  onActivate(index: number): void;
  onChange(change: (d: Draft) => Draft): void;
  register(index: number, el: HTMLInputElement | null): void;
  aid: Aid['items'][number] | undefined;
  onShowPassage(text: string): void;
}

/**
 * One checklist item. Memoised on its own answer: moving to the next submission, or answering
 * one item, redraws only the items whose answer or score changed.
 */
const ItemRow = memo(function ItemRow({
  item,
  index,
  header,
  answer,
  points,
  active,
  onActivate,
  onChange,
  register,
  aid,
  onShowPassage,
}: RowProps) {
  const setAnswer = (next: Draft['answers'][string]) =>
    onChange((d) => ({ ...d, answers: { ...d.answers, [String(item.id)]: next } }));
  return (
    <div>
      {header && (
        <Typography.Text type="secondary" strong style={{ marginTop: 4 }}>
          {item.section}
        </Typography.Text>
      )}
      <div
        className={active ? 'desk-review-item desk-review-item-active' : 'desk-review-item'}
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
        <div className="desk-muted" style={{ fontSize: 12 }}>
          {item.guidance}
        </div>
        {aid && (
          <ItemAid
            aid={aid}
            countAnswer={answer?.count}
            onShow={onShowPassage}
            onAcceptCount={(count) => setAnswer({ ...answer, count })}
          />
        )}
        <Space style={{ marginTop: 4 }} wrap>
          <ItemControl item={item} answer={answer} onAnswer={setAnswer} inputRef={(el) => register(index, el)} />
          <Input
            size="small"
            placeholder="证据说明（选填）"
            value={answer?.note ?? ''}
            onChange={(e) => setAnswer({ ...answer, note: e.target.value })}
            style={{ width: 200 }}
          />
        </Space>
      </div>
    </div>
  );
});

/** The checklist as a scoring form; the total and verdict are computed by core as the reviewer answers. */
export const ReviewForm = forwardRef<ReviewFormHandle, Props>(function ReviewForm(
  { submissionId, campaign, draft, review, activeItem, onActivate, onChange, onSubmit, aid, onShowPassage },
  ref,
) {
  const inputs = useRef<Array<HTMLInputElement | null>>([]);
  const comment = useRef<HTMLTextAreaElement | null>(null);
  useImperativeHandle(ref, () => ({
    focusItemInput: (index) => inputs.current[index]?.focus(),
    focusComment: () => comment.current?.focus(),
  }));
  // Keyboard moves keep the active item in view. Not when the form turns to the next submission:
  // its pane starts at the top, and asking would force a layout while that submission is drawn.
  const scrolledFor = useRef<number | null>(null);
  useEffect(() => {
    if (scrolledFor.current !== submissionId) {
      scrolledFor.current = submissionId;
      return;
    }
    document.querySelector(`[data-testid="review-item-${activeItem}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeItem, submissionId]);
  const register = useCallback((index: number, el: HTMLInputElement | null) => void (inputs.current[index] = el), []);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="review-form">
      {campaign.items.map((item, index) => (
        <ItemRow
          key={item.id}
          item={item}
          index={index}
          header={item.section !== (campaign.items[index - 1]?.section ?? '')}
          answer={draft.answers[String(item.id)]}
          points={review.score.itemScores[item.id] ?? 0}
          active={index === activeItem}
          onActivate={onActivate}
          onChange={onChange}
          register={register}
          aid={aid?.readable ? aid.items.find((a) => a.itemId === item.id) : undefined}
          onShowPassage={onShowPassage}
        />
      ))}
      <Space wrap>
        <span>加分</span>
        <NumberField
          size="small"
          min={0}
          max={campaign.rubric.bonusCap}
          value={draft.bonus ?? 0}
          onChange={(v) => onChange((d) => ({ ...d, bonus: v ?? 0 }))}
          addonAfter={`≤${campaign.rubric.bonusCap}`}
          style={{ width: 110 }}
          aria-label="加分"
        />
        <span>扣分</span>
        <NumberField
          size="small"
          min={0}
          max={campaign.rubric.deductionCap}
          value={draft.deduction ?? 0}
          onChange={(v) => onChange((d) => ({ ...d, deduction: v ?? 0 }))}
          addonAfter={`≤${campaign.rubric.deductionCap}`}
          style={{ width: 110 }}
          aria-label="扣分"
        />
        <Input
          size="small"
          placeholder="加减分理由"
          value={draft.adjustmentNote ?? ''}
          onChange={(e) => onChange((d) => ({ ...d, adjustmentNote: e.target.value }))}
          style={{ width: 180 }}
        />
      </Space>
      <Input.TextArea
        ref={(el) => void (comment.current = el?.resizableTextArea?.textArea ?? null)}
        rows={3}
        placeholder="总体评语（按 C 跳到这里）"
        value={draft.comment ?? ''}
        onChange={(e) => onChange((d) => ({ ...d, comment: e.target.value }))}
        aria-label="总体评语"
      />
      {review.score.flags.length > 0 && <Alert type="warning" showIcon title={review.score.flags.join('；')} />}
      {review.excluded && (
        <Alert type="error" showIcon title="你与该集体存在利益关联（同单位或同系统），这份评审会保留但不计入结果。" />
      )}
      {review.materialChanged && (
        <Alert
          type="info"
          showIcon
          data-testid="material-changed"
          title="材料有更新：你评审之后，单位补充或重新报送了材料（左侧文件中标“补充”的为新收到的）。看过后再保存或提交一次，这个提示就会消失。"
        />
      )}
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <span data-testid="review-total" style={{ fontSize: 18, fontWeight: 600 }}>
          总分 {review.score.total}
          <Tag color={review.score.vetoed ? 'red' : 'blue'} style={{ marginLeft: 8 }}>
            {review.score.verdict}
          </Tag>
        </span>
        <span className="desk-muted">
          {review.score.unanswered.length ? `还有 ${review.score.unanswered.length} 项未评` : '各项已评完'}
        </span>
      </Space>
      <Button
        type="primary"
        disabled={review.score.unanswered.length > 0}
        data-testid="review-submit"
        onClick={onSubmit}
      >
        提交评审（Ctrl+Enter）
      </Button>
    </div>
  );
});
