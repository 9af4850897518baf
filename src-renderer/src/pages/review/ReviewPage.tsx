import { Result, Segmented, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useOp } from '../../api/useOp';
import { OfficePackageActions, ReviewerPackageActions } from './PackageActions';
import { ResultsPanel } from './ResultsPanel';
import { ReviewDesk } from './ReviewDesk';
import { ReviewerPicker } from './ReviewerPicker';

const REVIEWER_KEY = 'desk.review.reviewer';

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
  useEffect(() => {
    if (reviewerId) localStorage.setItem(REVIEWER_KEY, String(reviewerId));
  }, [reviewerId]);
  const reviewerName = reviewerList.data?.find((r) => r.id === reviewerId)?.name ?? '';
  const [tab, setTab] = useState<'mine' | 'office'>('mine');
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
      ) : (
        <ReviewDesk reviewerId={reviewerId} reviewerName={reviewerName} />
      )}
    </div>
  );
}
