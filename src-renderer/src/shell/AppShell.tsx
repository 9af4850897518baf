import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CalendarOutlined,
  ExportOutlined,
  InboxOutlined,
  InfoCircleOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  SearchOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Result, Spin, Tag, Tooltip } from 'antd';
import { OfflineBanner } from './OfflineBanner';
import { HeaderBar } from './HeaderBar';
import { useEffect, useState, type ReactNode } from 'react';
import { onDeskEvent } from '../api/client';
import { useOp } from '../api/useOp';
import { CampaignsPage } from '../pages/campaigns/CampaignsPage';
import { DynamicsPage } from '../pages/dynamics/DynamicsPage';
import { ExportPage } from '../pages/export/ExportPage';
import { IntakePage } from '../pages/intake/IntakePage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { ReviewPage } from '../pages/review/ReviewPage';
import { RosterPage } from '../pages/roster/RosterPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { chineseDate, isTypingTarget } from '../util/format';
import { useKeydown } from '../util/useAction';
import { AboutDialog } from './AboutDialog';
import { PageErrorBoundary } from './PageErrorBoundary';
import { requestRosterAction } from './rosterActions';
import { navigate, useRoute, type Route } from './route';
import { ShortcutsDialog } from './ShortcutsDialog';
import { GuideDrawer } from './GuideDrawer';
import { GlobalSearch } from './GlobalSearch';

const NAV: Array<{ key: Route; label: string; icon: ReactNode }> = [
  { key: 'overview', label: '概览', icon: <AppstoreOutlined /> },
  { key: 'roster', label: '集体名册', icon: <TeamOutlined /> },
  { key: 'campaigns', label: '年度工作', icon: <CalendarOutlined /> },
  { key: 'intake', label: '收件', icon: <InboxOutlined /> },
  { key: 'review', label: '评审', icon: <AuditOutlined /> },
  { key: 'dynamics', label: '动态管理', icon: <AlertOutlined /> },
  { key: 'export', label: '导出', icon: <ExportOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

function Page({ route }: { route: Route }) {
  switch (route) {
    case 'overview':
      return <OverviewPage />;
    case 'roster':
      return <RosterPage />;
    case 'campaigns':
      return <CampaignsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'intake':
      return <IntakePage />;
    case 'review':
      return <ReviewPage />;
    case 'dynamics':
      return <DynamicsPage />;
    case 'export':
      return <ExportPage />;
  }
}

export function AppShell() {
  const route = useRoute();
  const info = useOp('app.info', undefined, []);
  const current = useOp('campaigns.current', undefined, ['campaigns']);
  const [aboutOpen, setAboutOpen] = useState(false);
  // A reviewer's laptop that opened a 评审包 shows only the review work of that package.
  const packages = useOp('reviews.packages', undefined, ['reviews']);
  const reviewerMode = (packages.data?.length ?? 0) > 0;
  const nav = reviewerMode ? NAV.filter((n) => n.key === 'review' || n.key === 'settings') : NAV;
  useEffect(() => {
    if (reviewerMode && route !== 'review' && route !== 'settings') navigate('review');
  }, [reviewerMode, route]);

  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [guideOpen, setGuideOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);

  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type !== 'menu') return;
        if (event.action === 'about') setAboutOpen(true);
        else requestRosterAction(event.action);
      }),
    [],
  );

  useKeydown((event) => {
    if (event.key === '?' && !isTypingTarget(event.target)) {
      event.preventDefault();
      setShortcutsOpen(true);
    }
    // Ctrl+K finds anything, from anywhere (also from inside a field: it opens its own box).
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      setSearchOpen(true);
    }
    if (event.key === 'F1') {
      event.preventDefault();
      setGuideOpen(true);
    }
    // Alt+1 … Alt+8: the pages in the order of the side menu (of those this window shows).
    // Not from inside a form field, where a half-typed entry would be left behind.
    if (
      event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      /^Digit[1-8]$/.test(event.code) &&
      !isTypingTarget(event.target)
    ) {
      const target = nav[Number(event.code.slice(5)) - 1];
      if (target) {
        event.preventDefault();
        navigate(target.key);
      }
    }
  });

  // The readiness marker end-to-end tests wait on: core answered, so every page can load.
  useEffect(() => {
    document
      .getElementById('root')
      ?.setAttribute('data-app-state', info.data ? 'ready' : info.error ? 'error' : 'loading');
  }, [info.data, info.error]);

  if (info.error) {
    return (
      <Result
        status="error"
        title="无法连接到组委会工作台"
        subTitle={info.error.message}
        extra={<Button onClick={() => location.reload()}>重试</Button>}
      />
    );
  }
  if (!info.data) return <Spin size="large" fullscreen tip="正在打开数据文件夹…" />;

  const campaign = current.data;
  return (
    <Layout style={{ height: '100%' }}>
      <HeaderBar title="组委会工作台" subtitle="青年文明号集体工作管理">
        {reviewerMode && packages.data ? (
          <Tag color="purple" data-testid="reviewer-mode">
            离线评审模式：{packages.data.at(-1)!.reviewer} · {packages.data.at(-1)!.campaignYear}年度 ·{' '}
            {packages.data.at(-1)!.submissions} 份材料
          </Tag>
        ) : null}
        {campaign ? (
          <Tooltip title={campaign.title}>
            <Tag
              color="gold"
              style={{ cursor: 'pointer', marginInlineEnd: 0 }}
              onClick={() => navigate('campaigns')}
              data-testid="current-campaign"
            >
              当前年度工作：{campaign.year}年度 · 截止 {chineseDate(campaign.deadline)}
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="default">尚未设置当前年度工作</Tag>
        )}
        <Button
          type="text"
          icon={<SearchOutlined />}
          style={{ color: '#fff' }}
          onClick={() => setSearchOpen(true)}
          data-testid="open-global-search"
        >
          查找{' '}
          <span className="desk-kbd" style={{ marginLeft: 4, color: '#374151' }}>
            Ctrl K
          </span>
        </Button>
        <Button type="text" icon={<ReadOutlined />} style={{ color: '#fff' }} onClick={() => setGuideOpen(true)}>
          使用说明
        </Button>
        <Button
          type="text"
          icon={<QuestionCircleOutlined />}
          style={{ color: '#fff' }}
          onClick={() => setShortcutsOpen(true)}
        >
          快捷键
        </Button>
        <Button type="text" icon={<InfoCircleOutlined />} style={{ color: '#fff' }} onClick={() => setAboutOpen(true)}>
          关于
        </Button>
      </HeaderBar>
      <Layout style={{ flex: 1, minHeight: 0 }}>
        <Layout.Sider width={176} theme="light" style={{ borderRight: '1px solid #e5e7eb' }}>
          <Menu
            mode="inline"
            selectedKeys={[route]}
            items={nav.map((n) => ({ key: n.key, icon: n.icon, label: n.label }))}
            onClick={({ key }) => navigate(key as Route)}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ minHeight: 0, overflow: 'hidden' }}>
          <OfflineBanner />
          <PageErrorBoundary page={route}>
            <Page route={route} />
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} info={info.data} />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <GuideDrawer open={guideOpen} onClose={() => setGuideOpen(false)} />
      {!reviewerMode && <GlobalSearch open={searchOpen} onClose={() => setSearchOpen(false)} />}
    </Layout>
  );
}
