import { PastYearsImport } from './PastYearsImport';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { starLabel, SUGGESTION } from '../../../../src-main/common/standing';
import { UNIT_STATUS, type UnitStatus } from '../../../../src-main/common/statuses';
import { desk, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useExport } from '../../util/useAction';
import { RulesEditor } from './RulesEditor';
import { useStandingAction } from './StandingAction';
import { useWarnAction } from './WarnAction';
import { UnitHistoryDrawer } from './UnitHistoryDrawer';

type Flag = OpOutput<'dynamics.flags'>['flags'][number];

const SUGGESTION_COLOR = { remind: 'orange', revoke: 'red', raiseStar: 'gold', checkIntake: 'purple' } as const;
const ORDER = { revoke: 0, checkIntake: 1, remind: 2, raiseStar: 3 } as const;
const star = (n: number | null) => (n ? starLabel(n) : '未定');

/**
 * 动态管理: the units the office's rules select this year, with what each rule proposes and the
 * actions to take — each with a reason, each undoable — and the list for the committee's meeting.
 */
export function DynamicsPage() {
  const flags = useOp('dynamics.flags', {}, ['units', 'submissions', 'reviews', 'settings', 'campaigns']);
  const [kinds, setKinds] = useState<Array<keyof typeof SUGGESTION>>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [unitId, setUnitId] = useState<number | null>(null);
  const standing = useStandingAction();
  const warn = useWarnAction();
  const exportDoc = useExport();
  const all = flags.data?.flags ?? [];
  // The gravest first: what the committee must decide, then warnings, then the good news.
  const list = useMemo(
    () =>
      (kinds.length ? all.filter((f) => kinds.includes(f.suggestion)) : all)
        .slice()
        .sort((a, b) => ORDER[a.suggestion] - ORDER[b.suggestion]),
    [all, kinds],
  );
  const key = (f: Flag) => `${f.unitId}:${f.rule}`;
  const chosen = list.filter((f) => selected.includes(key(f)));
  const units = (rows: Flag[]) => [
    ...new Map(rows.map((f) => [f.unitId, { id: f.unitId, name: f.unitName }])).values(),
  ];

  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>动态管理</h2>
        <Space>
          <PastYearsImport />
          <Button
            icon={<FileExcelOutlined />}
            onClick={() =>
              void exportDoc(
                () => desk.dynamics.export({ format: 'xlsx' }),
                (r) => `已导出 ${r.flags} 项：${r.artifact.fileName}`,
              )
            }
          >
            导出 Excel
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            onClick={() =>
              void exportDoc(
                () => desk.dynamics.export({ format: 'pdf' }),
                (r) => `已导出 ${r.flags} 项：${r.artifact.fileName}`,
              )
            }
          >
            导出 PDF（会议用）
          </Button>
        </Space>
      </div>
      <Typography.Paragraph className="desk-muted">
        依据《青年文明号活动管理办法》（2022）的警告提醒、调整星级、撤销称号，按下方规则对
        {flags.data?.asOf ? ` ${flags.data.asOf} 年度及以往各年度` : '各年度'}
        的报送与定级结果逐一检查。每项操作都要写明理由，写入集体的动态记录，可以撤销。
      </Typography.Paragraph>
      <RulesEditor />
      <div className="desk-toolbar">
        <Select
          mode="multiple"
          allowClear
          placeholder="全部建议"
          style={{ minWidth: 240 }}
          value={kinds}
          onChange={setKinds}
          aria-label="按建议筛选"
          options={Object.entries(SUGGESTION).map(([value, label]) => ({ value, label }))}
        />
        <div style={{ flex: 1 }} />
        {chosen.length > 0 && (
          <Space>
            <span className="desk-muted">已选 {chosen.length} 项</span>
            <Button
              onClick={() =>
                warn.open({
                  units: units(chosen),
                  reason: [...new Set(chosen.map((f) => `${f.label}（${f.evidence}）`))].join('；'),
                })
              }
            >
              发提醒…
            </Button>
            <Button onClick={() => standing.open({ kind: 'status', units: units(chosen), status: 'suspended' })}>
              暂停…
            </Button>
            <Button danger onClick={() => standing.open({ kind: 'status', units: units(chosen), status: 'revoked' })}>
              撤销称号…
            </Button>
            <Button onClick={() => standing.open({ kind: 'star', units: units(chosen), star: 3 })}>调整星级…</Button>
          </Space>
        )}
        <span className="desk-muted" data-testid="flags-count">
          共 {list.length} 项
        </span>
      </div>
      <Card size="small">
        <Table<Flag>
          size="small"
          rowKey={key}
          dataSource={list}
          loading={flags.loading && !flags.data}
          pagination={false}
          virtual
          scroll={{ y: 520 }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            columnWidth: 40,
          }}
          locale={{ emptyText: '按现行规则，没有需要提醒、调整星级或撤销的集体' }}
          data-testid="flags-table"
          columns={[
            {
              title: '集体 · 系统',
              dataIndex: 'unitName',
              width: 230,
              render: (name: string, f) => (
                <>
                  <a onClick={() => setUnitId(f.unitId)}>{name}</a>
                  <div className="desk-muted" style={{ fontSize: 12 }}>
                    {f.sector}
                  </div>
                </>
              ),
            },
            { title: '状态', dataIndex: 'status', width: 56, render: (s: UnitStatus) => UNIT_STATUS[s] },
            { title: '星级', dataIndex: 'star', width: 56, render: star },
            { title: '情形', dataIndex: 'label', width: 180 },
            { title: '依据', dataIndex: 'evidence' },
            {
              title: '建议',
              dataIndex: 'suggestion',
              width: 112,
              render: (s: Flag['suggestion']) => <Tag color={SUGGESTION_COLOR[s]}>{SUGGESTION[s]}</Tag>,
            },
            {
              title: '操作',
              key: 'actions',
              width: 140,
              render: (_: unknown, f) => {
                const one = [{ id: f.unitId, name: f.unitName }];
                if (f.suggestion === 'revoke')
                  return (
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => standing.open({ kind: 'status', units: one, status: 'revoked' })}
                    >
                      撤销称号…
                    </Button>
                  );
                if (f.suggestion === 'raiseStar')
                  return (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => standing.open({ kind: 'star', units: one, star: Math.min(3, (f.star ?? 0) + 1) })}
                    >
                      调整星级…
                    </Button>
                  );
                if (f.suggestion === 'checkIntake')
                  return (
                    <Button size="small" type="link" onClick={() => setUnitId(f.unitId)}>
                      查看来件
                    </Button>
                  );
                return (
                  <Space size={0}>
                    <Button
                      size="small"
                      type="link"
                      onClick={() => warn.open({ units: one, reason: `${f.label}（${f.evidence}）` })}
                    >
                      发提醒…
                    </Button>
                    <Button
                      size="small"
                      type="link"
                      onClick={() => standing.open({ kind: 'status', units: one, status: 'suspended' })}
                    >
                      暂停…
                    </Button>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      {standing.dialog}
      {warn.dialog}
      <UnitHistoryDrawer unitId={unitId} onClose={() => setUnitId(null)} />
    </div>
  );
}
