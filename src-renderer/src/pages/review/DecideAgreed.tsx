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
      const verdicts = Object.entries(batch.byVerdict)
        .map(([v, n]) => `${v} ${n}`)
        .join('、');
      const key = `batch-${batch.undo.decidedAt}`;
      notification.success({
        key,
        title: batch.decided ? `已按均分定级 ${batch.decided} 份（${verdicts}）` : '没有需要按均分定级的材料',
        description: `未动：有分歧 ${batch.skipped.disputed} 份、未评完 ${batch.skipped.incomplete} 份、已定级 ${batch.skipped.alreadyDecided} 份。`,
        duration: 0,
        actions: batch.decided ? (
          <Button
            size="small"
            onClick={() =>
              void act(
                () => desk.reviews.undoDecisions(batch.undo),
                (r) => `已撤销 ${r.undone} 份的定级`,
              ).then((r) => r && notification.destroy(key))
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
        // The counts first: the office sees what will be decided and what is left, before anything is written.
        void act(() => desk.reviews.decideAgreed({ dryRun: true })).then((preview) => {
          if (!preview) return;
          modal.confirm({
            title: '一键按均分定级',
            content: (
              <div data-testid="decide-agreed-preview">
                <p>
                  定级 {preview.decided} 份；跳过：有分歧 {preview.skipped.disputed} 份，未评完{' '}
                  {preview.skipped.incomplete} 份，已定级 {preview.skipped.alreadyDecided} 份。
                </p>
                <p>只为指派的评审全部提交且意见一致的材料按均分定级；完成后可以撤销。</p>
              </div>
            ),
            okText: '定级',
            okButtonProps: { disabled: preview.decided === 0 },
            cancelText: '取消',
            onOk: () => void run(),
          });
        })
      }
    >
      一键按均分定级
    </Button>
  );
}
