import { Card, Table, Tooltip } from 'antd';
import { useOp } from '../../api/useOp';
import type { OpOutput } from '../../api/client';

type Comparison = OpOutput<'dashboard.comparison'>;
type Year = Comparison['rows'][number]['current'];
type Row = { key: string; name: string; current: Year; previous: Year | null };

const percent = (n: number, of: number) => (of ? (n / of) * 100 : null);

/** A figure beside last year's, and the change in green (better) or red (worse). */
function Change({
  now,
  before,
  unit,
  points,
  decimal = points,
}: {
  now: number | null;
  before: number | null;
  unit: string;
  points?: boolean;
  decimal?: boolean;
}) {
  if (now === null) return <span className="desk-muted">—</span>;
  const shown = `${decimal ? now.toFixed(1) : now}${unit}`;
  if (before === null) return <span>{shown}</span>;
  const delta = Math.round((now - before) * 10) / 10;
  const color = delta > 0 ? '#16a34a' : delta < 0 ? '#dc2626' : '#6b7280';
  return (
    <Tooltip title={`上年 ${decimal ? before.toFixed(1) : before}${unit}`}>
      <span>
        {shown}
        <span style={{ color, marginLeft: 6, fontSize: 12 }}>
          {delta > 0 ? '▲' : delta < 0 ? '▼' : '＝'}
          {delta !== 0 ? `${Math.abs(delta)}${points ? ' 个百分点' : ''}` : ''}
        </span>
      </span>
    </Tooltip>
  );
}

/**
 * 与上年对比 on 概览: each sector's 报送率, 按时报送率, 平均分 and 受表彰 beside the campaign run
 * before, the same figures as the statistics workbook's sheet of that name.
 */
export function ComparisonCard() {
  const comparison = useOp('dashboard.comparison', {}, ['submissions', 'reviews', 'units', 'sectors', 'campaigns']);
  const c = comparison.data;
  if (!c) return null;
  const rows: Row[] = [
    ...c.rows.map((r) => ({ key: String(r.sectorId), ...r })),
    { key: 'total', name: '合计', ...c.total },
  ];
  const title = c.previousYear ? `与上年对比（${c.year}年度 对比 ${c.previousYear}年度）` : '与上年对比';
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid="year-comparison">
      {c.previousYear === null ? (
        <span className="desk-muted">{c.year}年度是在本软件中开展的第一个年度工作，暂无可对比的数据。</span>
      ) : (
        <Table<Row>
          size="small"
          pagination={false}
          dataSource={rows}
          rowClassName={(r) => (r.key === 'total' ? 'desk-total-row' : '')}
          columns={[
            { title: '系统', dataIndex: 'name', width: 220 },
            {
              title: '名册集体数',
              render: (_v, r) => <Change now={r.current.units} before={r.previous?.units ?? null} unit="" />,
            },
            {
              title: '报送率',
              render: (_v, r) => (
                <Change
                  now={percent(r.current.submitted, r.current.units)}
                  before={r.previous ? percent(r.previous.submitted, r.previous.units) : null}
                  unit="%"
                  points
                />
              ),
            },
            {
              title: '按时报送率',
              render: (_v, r) => (
                <Change
                  now={percent(r.current.onTime, r.current.units)}
                  before={r.previous ? percent(r.previous.onTime, r.previous.units) : null}
                  unit="%"
                  points
                />
              ),
            },
            {
              title: '平均分',
              render: (_v, r) => (
                <Change now={r.current.meanScore} before={r.previous?.meanScore ?? null} unit="" decimal />
              ),
            },
            {
              title: '受表彰集体',
              render: (_v, r) => <Change now={r.current.honors} before={r.previous?.honors ?? null} unit="" />,
            },
          ]}
        />
      )}
    </Card>
  );
}
