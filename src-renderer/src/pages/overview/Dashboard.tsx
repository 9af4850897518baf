import { Col, Row, Statistic, Card, Empty } from 'antd';
import { useMemo, useState } from 'react';
import { YEAR_OUTCOME } from '../../../../src-main/common/standing';
import { useOp } from '../../api/useOp';
import { Chart, type ChartClick } from '../../components/charts/Chart';
import { dailyOption, reviewerOption, SCORE_BINS, scoreOption, sectorOption, verdictOption } from './dashboardOptions';
import { ComparisonCard } from './ComparisonCard';
import { PickedList, type Picked } from './PickedList';
import { RemindCard } from './RemindCard';
import { TIMING } from '../../../../src-main/common/statuses';

const REVIEW_SERIES = {
  submitted: '已提交的评审',
  draft: '评审草稿',
  returned: '已退回的评审',
  assigned: '分配给他的材料',
} as const;

/** 概览's charts for the current campaign; each bar or slice opens the list it counts. */
export function Dashboard() {
  const data = useOp('dashboard.data', {}, ['units', 'sectors', 'campaigns', 'submissions', 'reviews']);
  const [picked, setPicked] = useState<Picked | null>(null);
  const d = data.data;
  const options = useMemo(
    () =>
      d
        ? {
            daily: dailyOption(d),
            sector: sectorOption(d),
            reviewer: reviewerOption(d),
            score: scoreOption(d),
            verdict: verdictOption(d),
          }
        : null,
    [d],
  );
  if (!d || !options) return null;
  const year = d.campaign.year;

  const pickDay = (c: ChartClick) => {
    const day = d.daily[c.dataIndex]?.day;
    if (!day || c.seriesId === 'cumulative') return;
    const series = c.seriesId === 'late' ? 'late' : c.seriesId === 'onTime' ? 'onTime' : undefined;
    setPicked({
      title: `${day} 收到的${series === 'late' ? TIMING.late : series === 'onTime' ? TIMING.onTime : ''}材料`,
      pick: { chart: 'day', day, series },
      page: { route: 'intake', label: '去收件' },
    });
  };
  const pickSector = (c: ChartClick) => {
    const sector = d.sectors[c.dataIndex];
    const series = c.seriesId as keyof typeof YEAR_OUTCOME;
    if (!sector || !(series in YEAR_OUTCOME)) return;
    setPicked({
      title: `${sector.name} · ${YEAR_OUTCOME[series]}`,
      pick: { chart: 'sector', sectorId: sector.sectorId, series },
      page:
        series === 'missing' || series === 'refused'
          ? { route: 'export', label: '导出未报送名单' }
          : { route: 'intake', label: '去收件' },
    });
  };
  const pickReviewer = (c: ChartClick) => {
    const reviewer = d.reviewers[c.dataIndex];
    const series = c.seriesId as keyof typeof REVIEW_SERIES;
    if (!reviewer || !(series in REVIEW_SERIES)) return;
    setPicked({
      title: `${reviewer.name} · ${REVIEW_SERIES[series]}`,
      pick: { chart: 'reviewer', reviewerId: reviewer.reviewerId, series },
      page: { route: 'review', label: '去评审' },
    });
  };
  const pickScore = (c: ChartClick) =>
    setPicked({
      title: `得分 ${SCORE_BINS[c.dataIndex]} 分`,
      pick: { chart: 'score', bin: c.dataIndex },
      page: { route: 'review', label: '去汇总与定级' },
    });
  const pickVerdict = (c: ChartClick) =>
    setPicked({
      title: `评定为“${c.name}”`,
      pick: { chart: 'verdict', verdict: c.name },
      page: { route: 'review', label: '去汇总与定级' },
    });

  const t = d.totals;
  const rate = t.units ? Math.round(((t.onTime + t.late) / t.units) * 1000) / 10 : 0;
  const sectorHeight = Math.max(220, Math.min(560, d.sectors.length * 30 + 60));
  return (
    <div data-testid="dashboard">
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {[
          { title: '报送率', value: `${rate}%`, color: '#2563eb' },
          { title: YEAR_OUTCOME.onTime, value: t.onTime, color: '#16a34a' },
          { title: YEAR_OUTCOME.late, value: t.late, color: '#d97706' },
          { title: YEAR_OUTCOME.refused, value: t.refused, color: '#dc2626' },
          { title: YEAR_OUTCOME.missing, value: t.missing, color: '#475569' },
          // 已评: every assigned review in; partly reviewed and 需重新定级 are said beside it, never counted in.
          {
            title: `已评 / 已收${t.partlyReviewed ? `（部分已评 ${t.partlyReviewed}）` : ''}${t.stale ? `，需重新定级 ${t.stale}` : ''}`,
            value: `${t.reviewed} / ${t.submissions}`,
            color: t.stale ? '#dc2626' : '#1e293b',
          },
        ].map((s) => (
          <Col span={4} key={s.title}>
            <Card size="small">
              <Statistic title={s.title} value={s.value} styles={{ content: { color: s.color, fontSize: 22 } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <RemindCard />
      {t.submissions + t.unclaimed === 0 && t.refused === 0 ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Empty description={`${year}年度还没有收到材料；收件后这里显示每日收件、各系统报送和评审进度。`} />
        </Card>
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col span={14}>
            <Chart
              title="每日收件（北京时间）"
              fileName={`${year}年度每日收件`}
              option={options.daily}
              height={260}
              onPick={pickDay}
              testId="chart-daily"
            />
          </Col>
          <Col span={10}>
            <Chart
              title="评定结果"
              fileName={`${year}年度评定结果`}
              option={options.verdict}
              height={260}
              onPick={pickVerdict}
              testId="chart-verdict"
            />
          </Col>
          <Col span={14}>
            <Chart
              title="各系统报送情况"
              fileName={`${year}年度各系统报送情况`}
              option={options.sector}
              height={sectorHeight}
              onPick={pickSector}
              testId="chart-sector"
            />
          </Col>
          <Col span={10}>
            <Chart
              title="得分分布"
              fileName={`${year}年度得分分布`}
              option={options.score}
              height={220}
              onPick={pickScore}
              testId="chart-score"
            />
            <div style={{ height: 12 }} />
            <Chart
              title="评审进度"
              fileName={`${year}年度评审进度`}
              option={options.reviewer}
              height={Math.max(160, d.reviewers.length * 30 + 60)}
              onPick={pickReviewer}
              testId="chart-reviewer"
            />
          </Col>
        </Row>
      )}
      <ComparisonCard />
      <PickedList picked={picked} onClose={() => setPicked(null)} />
    </div>
  );
}
