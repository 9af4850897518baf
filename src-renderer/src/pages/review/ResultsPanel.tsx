import { Button, Checkbox, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { DecideAgreed } from './DecideAgreed';
import { NumberField } from '../../components/NumberField';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';
import { HistoryDrawer } from './HistoryDrawer';
import { DecideDialog } from './DecideDialog';
import { ReturnDialog, type ReturnTarget } from './ReturnDialog';
import { ReviewerTags, type ResultRow as Row } from './ReviewerTags';
import { QUEUE_STATUS } from '../../../../src-main/common/statuses';

/** 汇总与定级: per submission the reviews, mean and spread, 有分歧 flags, and the office's final verdict. */
export function ResultsPanel() {
  const [normalise, setNormalise] = useState(false);
  const [onlyPractice, setOnlyPractice] = useState(false);
  const [byReviewer, setByReviewer] = useState<number>();
  const [page, setPage] = useState({ offset: 0, limit: 50 });
  // One page from core, filters applied there: 5,000 submissions never reach the window at once.
  const results = useOp(
    'reviews.resultsPage',
    { normalise, practiceOnly: onlyPractice, reviewerId: byReviewer, ...page },
    ['reviews', 'submissions'],
  );
  const campaign = useOp('campaigns.current', undefined, ['campaigns']);
  const [perSubmission, setPerSubmission] = useState(2);
  const [deciding, setDeciding] = useState<Row | null>(null);
  const [pendingMean, setPendingMean] = useState<number[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const [handReviewers, setHandReviewers] = useState<number[]>([]);
  const [sectorId, setSectorId] = useState<number>();
  const [history, setHistory] = useState<ReturnTarget | null>(null);
  const [returning, setReturning] = useState<ReturnTarget | null>(null);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const sectors = useOp('sectors.list', undefined, ['sectors']);
  const reviewerList = useOp('reviewers.list', undefined, ['reviews']);
  const reviewerOptions = (reviewerList.data ?? [])
    .filter((r) => r.active)
    .map((r) => ({ value: r.id, label: r.name }));
  const assignDone = (r: { assigned: number; skippedConflicts: number }) =>
    `已分配 ${r.assigned} 份评审任务${r.skippedConflicts ? `（${r.skippedConflicts} 处因回避未分配）` : ''}`;
  const act = useAction();
  const verdicts = campaign.data?.rubric.verdicts.map((v) => v.label) ?? [];
  const rows = results.data?.rows ?? [];
  const total = results.data?.total ?? 0;
  // A filter changes what the pages hold: start again from the first.
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage((p) => ({ ...p, offset: 0 }));
    };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>随机分配，每份</span>
        <NumberField
          min={1}
          max={20}
          value={perSubmission}
          onChange={(v) => setPerSubmission(v ?? 1)}
          style={{ width: 70 }}
          aria-label="每份评审人数"
        />
        <span>位评审人</span>
        <Button
          onClick={() =>
            void act(
              () => desk.reviews.assign({ request: { mode: 'random', perSubmission } }),
              (r) =>
                `已分配 ${r.assigned} 份评审任务${r.short.length ? `；${r.short.length} 份因回避人数不足未配满` : ''}`,
            )
          }
        >
          分配
        </Button>
        <Select
          allowClear
          placeholder="全部评审人"
          style={{ width: 140 }}
          value={byReviewer}
          onChange={filter(setByReviewer)}
          options={reviewerOptions}
          aria-label="按评审人筛选"
        />
        <Checkbox checked={onlyPractice} onChange={(e) => filter(setOnlyPractice)(e.target.checked)}>
          只看典型做法
        </Checkbox>
        <Tooltip title="把每位评审人的打分换算成 z 分数再按全体均值和标准差还原，消除“手松手紧”。默认关闭。">
          <Space>
            <Switch checked={normalise} onChange={setNormalise} aria-label="按评审人标准化" />
            <span>
              按评审人标准化
              {normalise ? (
                <Tag color="purple" style={{ marginLeft: 6 }}>
                  已开启：均分为标准化后分数
                </Tag>
              ) : null}
            </span>
          </Space>
        </Tooltip>
      </Space>
      <Space wrap>
        <Select
          mode="multiple"
          style={{ minWidth: 200 }}
          placeholder="选择评审人"
          value={handReviewers}
          onChange={setHandReviewers}
          options={reviewerOptions}
          aria-label="分配给评审人"
        />
        <Button
          disabled={!selected.length || !handReviewers.length}
          onClick={() =>
            void act(
              () =>
                desk.reviews.assign({ request: { mode: 'hand', submissionIds: selected, reviewerIds: handReviewers } }),
              assignDone,
            )
          }
        >
          把所选 {selected.length} 份分配给他们
        </Button>
        <Select
          style={{ width: 220 }}
          placeholder="或按系统"
          value={sectorId}
          onChange={setSectorId}
          options={(sectors.data ?? []).filter((s) => !s.hidden).map((s) => ({ value: s.id, label: s.name }))}
          aria-label="按系统分配"
        />
        <Button
          disabled={!sectorId || !handReviewers.length}
          onClick={() =>
            void act(
              () =>
                desk.reviews.assign({ request: { mode: 'sector', sectorId: sectorId!, reviewerIds: handReviewers } }),
              assignDone,
            )
          }
        >
          按系统分配
        </Button>
        <DecideAgreed />
      </Space>
      <Table<Row>
        size="small"
        rowKey="submissionId"
        dataSource={rows}
        loading={results.loading && !results.data}
        pagination={
          total > page.limit
            ? {
                current: Math.floor((results.data?.offset ?? page.offset) / page.limit) + 1,
                pageSize: page.limit,
                total,
                showSizeChanger: true,
                pageSizeOptions: [50, 100, 200],
                showTotal: (n) => `共 ${n} 份`,
                onChange: (current, pageSize) => setPage({ offset: (current - 1) * pageSize, limit: pageSize }),
              }
            : false
        }
        data-testid="review-results"
        // What is ticked on one page stays ticked on the others, for 把所选分配.
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys as number[]),
        }}
        // The unit and the decision stay in view; the columns between scroll on a narrow window.
        scroll={{ x: 1060 }}
        columns={[
          {
            title: '集体',
            width: 190,
            fixed: 'left',
            render: (_v, r) => (
              <Space size={4} style={{ maxWidth: '100%' }}>
                <Typography.Text ellipsis={{ tooltip: r.unitName }} style={{ maxWidth: r.practice ? 110 : 170 }}>
                  {r.unitName}
                </Typography.Text>
                {r.practice && (
                  <Tooltip title={`典型做法：${r.practice.note || '（未写说明）'}`}>
                    <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                      典型做法
                    </Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: '分配给',
            width: 110,
            ellipsis: true,
            render: (_v, r) =>
              r.assignedTo.length ? r.assignedTo.join('、') : <span className="desk-muted">未分配</span>,
          },
          { title: QUEUE_STATUS.done, dataIndex: 'count', width: 52 },
          {
            title: '各评审人',
            width: 210,
            render: (_v, r) => (
              <ReviewerTags
                row={r}
                normalise={normalise}
                menuFor={menuFor}
                setMenuFor={setMenuFor}
                onHistory={setHistory}
                onReturn={setReturning}
              />
            ),
          },
          { title: '均分', dataIndex: 'mean', width: 60, render: (v: number | null) => v ?? '—' },
          { title: '分差', width: 76, render: (_v, r) => (r.spread === null ? '—' : `${r.min}–${r.max}`) },
          {
            title: '状态',
            width: 96,
            render: (_v, r) => (
              <Space size={2} wrap>
                {r.disputed ? (
                  <Tooltip title={r.disputeReasons.join('；')}>
                    <Tag color="red">有分歧</Tag>
                  </Tooltip>
                ) : r.agreement === '一致' ? (
                  <Tag color="green">一致</Tag>
                ) : r.count ? (
                  <Tag color="orange">未评完（差 {r.pending} 份）</Tag>
                ) : (
                  <Tag>{QUEUE_STATUS.todo}</Tag>
                )}
                {r.materialChanged ? (
                  <Tooltip title="有评审是在单位补充或重新报送之前作出的">
                    <Tag color="purple">材料有更新</Tag>
                  </Tooltip>
                ) : null}
              </Space>
            ),
          },
          {
            title: '最终等次',
            width: 250,
            fixed: 'right',
            render: (_v, r) => (
              <Space size={4} wrap>
                {r.decision ? (
                  <Tooltip title={r.decision.basis === 'override' ? `改判理由：${r.decision.reason}` : '按评审均分'}>
                    <Tag color="gold">
                      {r.decision.verdict}
                      {r.decision.score !== null ? ` ${r.decision.score}` : ''}（
                      {r.decision.basis === 'override' ? '改判' : '均分'}）
                    </Tag>
                  </Tooltip>
                ) : null}
                {r.decision?.stale ? (
                  <Tooltip title={r.decision.staleReasons.join('；')}>
                    <Tag color="red" data-testid="needs-redecide">
                      需重新定级
                    </Tag>
                  </Tooltip>
                ) : null}
                <Button
                  size="small"
                  disabled={r.agreement !== '一致' || pendingMean.includes(r.submissionId)}
                  onClick={() => {
                    // One call per row at a time: a second click while the first is on its way does nothing.
                    setPendingMean((d) => [...d, r.submissionId]);
                    void act(
                      () => desk.reviews.decide({ submissionId: r.submissionId, basis: 'mean' }),
                      `已按均分定为“${r.suggestedVerdict}”`,
                    ).finally(() => setPendingMean((d) => d.filter((x) => x !== r.submissionId)));
                  }}
                >
                  按均分{r.suggestedVerdict ? `（${r.suggestedVerdict}）` : ''}
                </Button>
                <Button size="small" onClick={() => setDeciding(r)}>
                  改判
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Text className="desk-muted">
        有分歧或未评完的材料不能直接按均分定级：讨论后用“改判”记录最终等次和理由。定级后评审或材料有变化，会标出“需重新定级”，再定一次即可。回避的评审保留显示但不计入均分。
      </Typography.Text>
      <DecideDialog row={deciding} verdicts={verdicts} onClose={() => setDeciding(null)} />
      <HistoryDrawer target={history} onClose={() => setHistory(null)} />
      <ReturnDialog target={returning} onClose={() => setReturning(null)} />
    </Space>
  );
}
