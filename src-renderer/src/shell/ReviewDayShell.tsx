import { Layout, Tag } from 'antd';
import { useEffect } from 'react';
import { ReviewDesk } from '../pages/review/ReviewDesk';
import { HeaderBar } from './HeaderBar';
import { OfflineBanner } from './OfflineBanner';

type You = { kind: 'reviewer'; reviewerId: number; name: string; endsAt: string | null };

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });

/**
 * A reviewer's page on a review day (集中评审): their own queue, the evidence and their form —
 * nothing of the office's (no roster, intake, results, exports, settings). Core holds them to it
 * whatever the page asks; this shell only leaves out what they could not use.
 */
export function ReviewDayShell({ you }: { you: You }) {
  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', 'ready');
  }, []);
  return (
    <Layout style={{ height: '100%' }}>
      <HeaderBar title="组委会工作台 · 集中评审">
        <Tag color="gold" data-testid="review-day-you">
          评审人：{you.name}
          {you.endsAt ? ` · 至 ${clock(you.endsAt)}` : ''}
        </Tag>
      </HeaderBar>
      <OfflineBanner />
      <Layout.Content style={{ padding: 12, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <div className="desk-page" style={{ overflow: 'hidden' }}>
          <ReviewDesk reviewerId={you.reviewerId} reviewerName={you.name} session />
        </div>
      </Layout.Content>
    </Layout>
  );
}
