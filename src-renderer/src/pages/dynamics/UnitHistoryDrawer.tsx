import { Button, Descriptions, Drawer, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { chinaTimeLabel } from '../../../../src-main/common/chinaTime';
import { YEAR_OUTCOME, starLabel as star } from '../../../../src-main/common/standing';
import { UNIT_STATUS, type UnitStatus } from '../../../../src-main/common/statuses';
import { useOp } from '../../api/useOp';
import { SubmissionDrawer } from '../intake/SubmissionDrawer';
import { useStandingAction } from './StandingAction';

const STATUS_COLOR: Record<UnitStatus, string> = { active: 'green', suspended: 'orange', revoked: 'default' };

/** One reminder on the unit's page: a 催报 mail sent, failed or drafted, or a 警告提醒 and its reason. */
function reminderLine(r: {
  channel: string;
  status: string;
  address: string | null;
  reply: string | null;
  kind: string;
}): string {
  if (r.kind === 'warning')
    return `${r.status === 'withdrawn' ? '警告提醒（已撤回）' : '已生成警告提醒邮件草稿'}：${r.reply ?? ''}`;
  if (r.channel === 'smtp') return r.status === 'sent' ? `已发提醒至 ${r.address}` : `提醒发送失败（${r.reply ?? ''}）`;
  return '已生成提醒邮件草稿';
}

/** 集体历年: every campaign of one unit — what it sent and how it was judged — and its standing over time. */
export function UnitHistoryDrawer({ unitId, onClose }: { unitId: number | null; onClose: () => void }) {
  const history = useOp('units.history', unitId ? { unitId } : undefined, [
    'units',
    'submissions',
    'reviews',
    'campaigns',
  ]);
  const [submission, setSubmission] = useState<number | null>(null);
  const standing = useStandingAction();
  const h = unitId ? history.data : undefined;
  const unit = h?.unit;
  return (
    <Drawer
      open={unitId !== null}
      onClose={onClose}
      size={760}
      title={unit ? `${unit.name} · 历年记录` : '历年记录'}
      data-testid="unit-history"
    >
      {unit && h && (
        <>
          <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="系统">{unit.sectorName ?? '未分配'}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLOR[unit.status]}>{UNIT_STATUS[unit.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="星级">{star(unit.starLevel)}</Descriptions.Item>
            <Descriptions.Item label="命名年份">{unit.yearNamed ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系人">{unit.contact ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="电话">{unit.phone ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Space style={{ marginBottom: 16 }}>
            <Button
              onClick={() =>
                standing.open({
                  kind: 'status',
                  units: [unit],
                  status: unit.status === 'active' ? 'suspended' : 'active',
                })
              }
            >
              调整状态…
            </Button>
            <Button
              onClick={() =>
                standing.open({ kind: 'star', units: [unit], star: Math.min(3, (unit.starLevel ?? 0) + 1) })
              }
            >
              调整星级…
            </Button>
          </Space>
          <Typography.Title level={5}>历年报送与评审</Typography.Title>
          {h.years.length === 0 && <Empty description="还没有任何年度的记录" />}
          <Timeline
            items={h.years.map((y) => {
              const c = y.current;
              const color = c ? (c.late ? 'orange' : 'green') : y.refused.length ? 'red' : 'gray';
              return {
                color,
                content: (
                  <div data-testid={`history-${y.year}`}>
                    <b>{y.year}年度</b>{' '}
                    {c ? (
                      <>
                        <Tag color={c.late ? 'orange' : 'green'}>
                          {c.late ? YEAR_OUTCOME.late : YEAR_OUTCOME.onTime}
                        </Tag>
                        {c.verdict ? (
                          <Tag color="blue">
                            定级：{c.verdict}
                            {c.score !== null ? `（${c.score} 分）` : ''}
                          </Tag>
                        ) : c.mean !== null ? (
                          <Tag>
                            评审均分 {c.mean}（{c.reviews} 份）
                          </Tag>
                        ) : (
                          <Tag>未评</Tag>
                        )}
                        {c.practice && <Tag color="purple">典型做法</Tag>}
                      </>
                    ) : y.refused.length ? (
                      <Tag color="red">{YEAR_OUTCOME.refused}</Tag>
                    ) : (
                      <Tag>{YEAR_OUTCOME.missing}</Tag>
                    )}
                    {y.honored && <Tag color="gold">受表彰</Tag>}
                    <div className="desk-muted">
                      {y.versions.map((v) => (
                        <div key={v.submissionId}>
                          <a onClick={() => setSubmission(v.submissionId)}>
                            第 {v.version} 版 · {chinaTimeLabel(v.receivedAt)} 收到 · {v.source}
                          </a>
                          {v.deleted ? '（已删除）' : v.current ? '（当前）' : ''}
                        </div>
                      ))}
                      {y.refused.map((r, i) => (
                        <div key={`r${i}`}>
                          {chinaTimeLabel(r.at)} 拒收“{r.label}”：{r.message}
                        </div>
                      ))}
                      {y.reminders.map((r, i) => (
                        <div key={`m${i}`}>
                          {chinaTimeLabel(r.at)} {reminderLine(r)}
                        </div>
                      ))}
                    </div>
                  </div>
                ),
              };
            })}
          />
          <Typography.Title level={5}>状态与星级变化</Typography.Title>
          {h.status.length + h.stars.length === 0 ? (
            <Typography.Paragraph className="desk-muted">没有变化记录。</Typography.Paragraph>
          ) : (
            <Timeline
              items={[
                ...h.status.map((s) => ({
                  at: s.at,
                  text: `${s.effectiveOn} 状态：${UNIT_STATUS[s.previous as UnitStatus]} → ${UNIT_STATUS[s.status as UnitStatus]}（${s.by}：${s.reason}）`,
                })),
                ...h.stars.map((s) => ({
                  at: s.at,
                  text: `${chinaTimeLabel(s.at).slice(0, 10)} 星级：${star(s.previous)} → ${star(s.star)}（${s.by}：${s.reason}）`,
                })),
              ]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((e) => ({ content: e.text }))}
            />
          )}
        </>
      )}
      {standing.dialog}
      <SubmissionDrawer id={submission} onClose={() => setSubmission(null)} />
    </Drawer>
  );
}
