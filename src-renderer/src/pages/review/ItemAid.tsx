import { Button } from 'antd';
import type { OpOutput } from '../../api/client';

export type Aid = OpOutput<'reviews.evidence'>;
type ItemAidData = Aid['items'][number];

/** A passage with the item's words marked, longest first so 青年夜校 is one mark, not 学习 inside it. */
function Marked({ text, words }: { text: string; words: string[] }) {
  if (!words.length) return <>{text}</>;
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return <>{text.split(pattern).map((part, i) => (i % 2 ? <mark key={i}>{part}</mark> : part))}</>;
}

/**
 * The 评审助手 under one checklist item: the summary's best passages for it (a click shows the
 * passage in the summary) and, for a count item, the number the text states — offered, never filled in.
 */
export function ItemAid({
  aid,
  countAnswer,
  onShow,
  onAcceptCount,
}: {
  aid: ItemAidData;
  countAnswer: number | undefined;
  onShow(text: string): void;
  onAcceptCount(count: number): void;
}) {
  return (
    <div className="desk-item-aid" data-testid="item-aid">
      {aid.passages.length === 0 ? (
        <div className="desk-muted">总结中未找到相关内容</div>
      ) : (
        aid.passages.map((p, i) => (
          <button
            type="button"
            key={i}
            className="desk-item-passage"
            title="在工作总结中显示这一段"
            onClick={(e) => {
              e.stopPropagation();
              onShow(p.text);
            }}
          >
            <Marked text={p.text} words={p.words} />
          </button>
        ))
      )}
      {aid.count !== null && (
        <div className="desk-item-count" data-testid="count-suggestion" title={aid.countText ?? undefined}>
          <span>
            总结中写到 <b>{aid.count}</b> 次
          </span>
          {countAnswer === aid.count ? (
            <span className="desk-muted">（已采用）</span>
          ) : (
            <Button
              size="small"
              type="link"
              onClick={(e) => {
                e.stopPropagation();
                onAcceptCount(aid.count!);
              }}
            >
              采用
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
