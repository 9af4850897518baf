import { Alert, Button, Modal, Select, Space, Upload } from 'antd';
import { memo, useState } from 'react';
import { desk, fileRefOf, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction, useExport } from '../../util/useAction';

type MergeReport = OpOutput<'reviews.importResult'>;

/** Office: export a reviewer's 评审包, and merge the result file they send back. */
export function OfficePackageActions() {
  const reviewers = useOp('reviewers.list', undefined, ['reviews']);
  const [reviewerId, setReviewerId] = useState<number>();
  const [report, setReport] = useState<MergeReport | null>(null);
  const act = useAction();
  const exportDoc = useExport();
  const exportPackage = () =>
    exportDoc(
      () => desk.reviews.exportPackage({ reviewer: reviewerId! }),
      (r) => `已生成评审包：${r.submissions} 份材料、${r.files} 个文件`,
    );
  const importResult = async (file: File) => {
    const merged = await act(async () => desk.reviews.importResult({ file: await fileRefOf(file) }));
    if (merged) setReport(merged);
  };
  return (
    <Space wrap>
      <Select
        style={{ width: 140 }}
        placeholder="评审人"
        value={reviewerId}
        onChange={setReviewerId}
        options={(reviewers.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
        aria-label="评审包的评审人"
      />
      <Button disabled={!reviewerId} onClick={() => void exportPackage()}>
        导出离线评审包
      </Button>
      <Upload accept=".deskresult,.json" showUploadList={false} beforeUpload={(f) => (void importResult(f), false)}>
        <Button>导入评审结果</Button>
      </Upload>
      <Modal
        open={!!report}
        title="评审结果已合并"
        onCancel={() => setReport(null)}
        onOk={() => setReport(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="关闭"
      >
        {report && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <div>
              {report.reviewer}：采用 {report.applied} 份，{report.updated ? `更新 ${report.updated} 份，` : ''}无变化{' '}
              {report.unchanged} 份，冲突 {report.conflicts.length} 份，未采用 {report.stale.length} 份。
            </div>
            {report.conflicts.length > 0 && (
              <Alert type="warning" showIcon title="冲突的评审两份都已保留：较新的一份为当前，另一份在修改记录中。" />
            )}
            {report.stale.map((s) => (
              <Alert key={s.submissionId} type="info" showIcon title={`材料 ${s.submissionId}：${s.reason}`} />
            ))}
          </Space>
        )}
      </Modal>
    </Space>
  );
}

/** Reviewer's laptop: open the package the office sent; later, export the result to send back. */
// Memoised like the picker: nothing here changes as the reviewer walks the queue.
export const ReviewerPackageActions = memo(function ReviewerPackageActions({
  reviewerMode,
}: {
  reviewerMode: boolean;
}) {
  const act = useAction();
  const exportDoc = useExport();
  const open = async (file: File) => {
    await act(
      async () => desk.reviews.openPackage({ file: await fileRefOf(file) }),
      (r) => (r.alreadyOpen ? '该评审包已经打开过' : `已打开 ${r.reviewer} 的评审包：${r.submissions} 份材料`),
    );
  };
  const exportResult = () =>
    exportDoc(
      () => desk.reviews.exportResult(),
      (r) => `已导出 ${r.reviews} 份评审（已提交 ${r.submitted} 份），请把文件发回办公室`,
    );
  return reviewerMode ? (
    <Button type="primary" onClick={() => void exportResult()}>
      导出评审结果
    </Button>
  ) : (
    <Upload accept=".deskreview,.zip" showUploadList={false} beforeUpload={(f) => (void open(f), false)}>
      <Button>打开评审包</Button>
    </Upload>
  );
});
