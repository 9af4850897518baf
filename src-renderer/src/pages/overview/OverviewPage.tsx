import { CalendarOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Progress, Row, Statistic, Steps, Table, Tag } from 'antd';
import { chinaTimeLabel } from '../../../../src-main/common/chinaTime';
import { openSettings } from '../settings/openSettings';
import { useOp } from '../../api/useOp';
import { navigate, type Route } from '../../shell/route';
import { chineseDate, daysUntil } from '../../util/format';
import { Dashboard } from './Dashboard';
import { UNIT_STATUS } from '../../../../src-main/common/statuses';

/** A step's name as a real button: reachable with Tab, opened with Enter. */
function StepLink({ to, children }: { to: Route; children: string }) {
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => navigate(to)}>
      {children}
    </Button>
  );
}

export function OverviewPage() {
  const overview = useOp('app.overview', undefined, ['units', 'sectors', 'campaigns', 'submissions', 'settings']);
  const data = overview.data;
  if (!data) return <div className="desk-page" />;
  const { units, sectors, campaign, intake, review, backup } = data;
  const days = campaign ? daysUntil(campaign.deadlineEndsAt) : 0;

  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>概览</h2>
      </div>
      {((backup.stale && units.total > 0) || !backup.reachable) && (
        <Alert
          type={backup.reachable ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="overview-backup"
          title={
            !backup.reachable
              ? `备份文件夹“${backup.folder}”无法写入，自动备份没有进行。`
              : backup.newestAt
                ? `最近一次备份在 ${chinaTimeLabel(backup.newestAt)}，已超过 7 天。`
                : '这台电脑上的数据还没有备份过。'
          }
          action={
            <Button size="small" onClick={() => openSettings('backup')}>
              去备份
            </Button>
          }
        />
      )}
      {campaign && <Dashboard />}
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="名册集体" value={units.total} suffix="个" prefix={<TeamOutlined />} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={UNIT_STATUS.active}
              value={units.byStatus.active ?? 0}
              suffix="个"
              styles={{ content: { color: '#15803d' } }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="暂停 / 撤销"
              value={`${units.byStatus.suspended ?? 0} / ${units.byStatus.revoked ?? 0}`}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="全国 / 省级 / 市级 / 县区级"
              value={['全国', '省级', '市级', '县区级'].map((l) => units.byLevel[l] ?? 0).join(' / ')}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Card
            title="当前年度工作"
            extra={
              <Button type="link" onClick={() => navigate('campaigns')}>
                管理年度工作
              </Button>
            }
            style={{ height: '100%' }}
          >
            {campaign ? (
              <>
                <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 8 }}>
                  <CalendarOutlined /> {campaign.year}年度 · {campaign.theme}
                </div>
                <div className="desk-muted" style={{ marginBottom: 12 }}>
                  {campaign.title}
                </div>
                <p>
                  报送截止：{chineseDate(campaign.deadline)} 24:00（北京时间）{' '}
                  {days > 0 ? <Tag color="blue">还有 {days} 天</Tag> : <Tag>已截止</Tag>}
                </p>
                <p>
                  报送材料：工作总结 {campaign.materials.summaryCount} 份、活动照片 {campaign.materials.photosMin}–
                  {campaign.materials.photosMax} 张；检查清单 {campaign.items.length} 项，合计 {campaign.totalPoints} 分
                </p>
                {intake && (
                  <p data-testid="overview-intake">
                    已收材料 <b>{intake.submitted}</b> 个集体（逾期 {intake.late}，不齐全 {intake.incomplete}），未报送{' '}
                    <b>{Math.max(0, units.total - intake.submitted)}</b> 个；
                    {intake.unclaimed ? (
                      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate('intake')}>
                        待认领 {intake.unclaimed} 份
                      </Button>
                    ) : (
                      '无待认领'
                    )}
                    {intake.refused ? `，拒收 ${intake.refused} 份` : ''}
                  </p>
                )}
              </>
            ) : (
              <Button type="primary" onClick={() => navigate('campaigns')}>
                设置当前年度工作
              </Button>
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card title="工作流程" style={{ height: '100%' }}>
            {/* The year's work in its order; each step's name opens its page, and says how far it has come. */}
            <Steps
              orientation="vertical"
              size="small"
              data-testid="overview-steps"
              current={!units.total ? 0 : !intake?.submitted ? 2 : !review?.reviewed ? 3 : 4}
              items={[
                {
                  title: <StepLink to="roster">集体名册</StepLink>,
                  content: units.total ? `${units.total} 个集体` : '导入或新建名册',
                },
                {
                  title: <StepLink to="campaigns">年度工作</StepLink>,
                  content: campaign
                    ? `${campaign.year}年度 · 检查清单 ${campaign.items.length} 项`
                    : '设置当前年度工作',
                },
                {
                  title: <StepLink to="intake">收件</StepLink>,
                  content: intake
                    ? `已收 ${intake.submitted} 个集体${intake.unclaimed ? `，待认领 ${intake.unclaimed} 份` : ''}`
                    : '导入各单位的压缩包和邮件',
                },
                {
                  title: <StepLink to="review">评审</StepLink>,
                  content: review?.submissions
                    ? `已评 ${review.reviewed} / ${review.submissions} 份${review.disputed ? `，有分歧 ${review.disputed}` : ''}，已定级 ${review.decided}`
                    : '收件后开始评审',
                },
                { title: <StepLink to="export">导出</StepLink>, content: '统计表、表彰名单、典型做法汇编' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="各系统集体数">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={sectors}
          columns={[
            { title: '系统', dataIndex: 'name' },
            { title: '集体数', dataIndex: 'unitCount', width: 120, align: 'right' },
            {
              title: '占比',
              width: 260,
              render: (_v, s) => (
                <Progress
                  percent={units.total ? Math.round((s.unitCount / units.total) * 1000) / 10 : 0}
                  size="small"
                />
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
