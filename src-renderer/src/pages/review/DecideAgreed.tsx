import { App, Button } from 'antd';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useAction } from '../../util/useAction';

/**
 * 一键按均分定级: every 一致 submission not yet decided gets its mean's verdict — asked first,
 * then said with 撤销 beside it (undoes exactly that batch; later changes by hand stay).
 */
export function DecideAgreed() {
  const { modal, notification } = App.useApp();
  const act = useAction();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const batch = await act(() => desk.reviews.decideAgreed({}));
      if (!batch) return;
      const verdicts = Object.entries(batch.byVerdict).map(([v, n]) => `${v} ${n}`).join('、');
      const key = `batch-${batch.undo.decidedAt}`;
      notification.success({
        key,
        title: batch.decided ? `已按均分定级 ${batch.decided} 份（${verdicts}）` : '没有需要按均分定级的材料',
        description: `未动：有分歧 ${batch.skipped.disputed} 份、未评 ${batch.skipped.unreviewed} 份、已定级 ${batch.skipped.alreadyDecided} 份。`,
        duration: 0,
        actions: batch.decided ? (
          <Button
            size="small"
            onClick={() =>
              void act(() => desk.reviews.undoDecisions(batch.undo), (r) => `已撤销 ${r.undone} 份的定级`).then((r) => r && notification.destroy(key))
            }
          >
            撤销
          </Button>
        ) : undefined,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      type="primary"
      loading={busy}
      data-testid="decide-agreed"
      onClick={() =>
        modal.confirm({
          title: '一键按均分定级',
          content: '为所有评审一致、尚未定级的材料按评审均分定级。有分歧的、还没有评审的和已经定级（含改判）的材料都不会改动；完成后可以撤销。',
          okText: '定级',
          cancelText: '取消',
          onOk: () => void run(),
        })
      }
    >
      一键按均分定级
    </Button>
  );
}
