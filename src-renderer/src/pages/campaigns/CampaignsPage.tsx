import { CopyOutlined, DeleteOutlined, EditOutlined, StarOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Empty, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { NumberField } from '../../components/NumberField';
import { Fragment, useState } from 'react';
import { desk, type OpOutput } from '../../api/client';
import { useAction } from '../../util/useAction';
import { useOp } from '../../api/useOp';
import { chineseDate } from '../../util/format';
import { CampaignEditor } from './CampaignEditor';

type Campaign = OpOutput<'campaigns.list'>[number];
const KIND_LABEL = { check: '完成即得分', count: '计数', score: '评分', veto: '一票否决' } as const;
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Items grouped under their sections, in checklist order, keeping each item's overall number. */
function sectionsOf(
  items: Campaign['items'],
): Array<[string, Array<{ item: Campaign['items'][number]; index: number }>]> {
  const groups = new Map<string, Array<{ item: Campaign['items'][number]; index: number }>>();
  items.forEach((item, index) => {
    const list = groups.get(item.section) ?? [];
    list.push({ item, index });
    groups.set(item.section, list);
  });
  return [...groups];
}

/** The first year after `from` that has no campaign yet. */
function nextFree(taken: Set<number>, from: number): number {
  let year = from + 1;
  while (taken.has(year)) year++;
  return year;
}

export function CampaignsPage() {
  const campaigns = useOp('campaigns.list', undefined, ['campaigns']);
  const [editingId, setEditingId] = useState<number | null>(null);
  // 复制为新年度 asks which year (the next free one offered): a past year can be made too, for its records.
  const [copying, setCopying] = useState<{ from: Campaign; year: number | null } | null>(null);

  const act = useAction();

  const editing = campaigns.data?.find((c) => c.id === editingId);
  if (editing) return <CampaignEditor key={editing.id} campaign={editing} onClose={() => setEditingId(null)} />;

  const taken = new Set(campaigns.data?.map((x) => x.year));
  const copy = async (c: Campaign, year: number) => {
    const created = await act(
      () => desk.campaigns.copy({ fromId: c.id, year }),
      (made) => `已从 ${c.year} 年度复制出 ${made.year} 年度，请核对后保存`,
    );
    if (created) {
      setCopying(null);
      setEditingId(created.id);
    }
  };

  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>年度工作</h2>
        <span className="desk-muted">每年的通知、截止日期、材料要求和检查清单。新的一年从上一年复制后修改。</span>
      </div>
      {campaigns.data?.length === 0 && <Empty description="还没有年度工作" />}
      <Modal
        open={copying !== null}
        title={copying ? `从 ${copying.from.year} 年度复制` : ''}
        okText="复制"
        cancelText="取消"
        okButtonProps={{ disabled: !copying?.year || taken.has(copying.year) }}
        onCancel={() => setCopying(null)}
        onOk={() => copying?.year && void copy(copying.from, copying.year)}
      >
        <Space orientation="vertical">
          <span>
            新年度：
            <NumberField
              min={2000}
              max={2100}
              precision={0}
              value={copying?.year ?? null}
              onChange={(v) => copying && setCopying({ ...copying, year: v })}
              style={{ width: 120 }}
              aria-label="新年度"
              addonAfter="年度"
            />
          </span>
          {copying?.year && taken.has(copying.year) ? (
            <Typography.Text type="danger">已有 {copying.year} 年度的年度工作。</Typography.Text>
          ) : (
            <Typography.Text className="desk-muted">
              标题和日期中的年份会随之改为新年度；复制后不会自动设为当前。
            </Typography.Text>
          )}
        </Space>
      </Modal>
      {campaigns.data?.map((c) => (
        <Badge.Ribbon key={c.id} text="当前年度" color="#c8102e" style={{ display: c.isCurrent ? undefined : 'none' }}>
          <Card
            data-testid={`campaign-${c.year}`}
            title={
              <Space>
                <span style={{ fontSize: 16 }}>{c.year}年度</span>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 720, fontWeight: 400 }}>
                  {c.title}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space style={{ marginRight: c.isCurrent ? 72 : 0 }}>
                <Button icon={<EditOutlined />} onClick={() => setEditingId(c.id)}>
                  编辑
                </Button>
                <Button icon={<CopyOutlined />} onClick={() => setCopying({ from: c, year: nextFree(taken, c.year) })}>
                  复制为新年度
                </Button>
                {!c.isCurrent && (
                  <Popconfirm
                    title={`把 ${c.year} 年度设为当前年度工作？`}
                    description="收件、评审、概览和导出都会改为这一年度；其他年度的数据不变，可随时再切换回来。"
                    okText="设为当前"
                    cancelText="取消"
                    onConfirm={() =>
                      void act(() => desk.campaigns.setCurrent({ id: c.id }), `已把 ${c.year} 年度设为当前年度工作`)
                    }
                  >
                    <Button icon={<StarOutlined />}>设为当前</Button>
                  </Popconfirm>
                )}
                {!c.isCurrent && (
                  <Popconfirm
                    title={`删除 ${c.year} 年度工作？`}
                    description="检查清单会一并删除，此操作不能撤销。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => void act(() => desk.campaigns.remove({ id: c.id }), '已删除')}
                  >
                    <Button danger icon={<DeleteOutlined />} aria-label="删除年度工作" />
                  </Popconfirm>
                )}
              </Space>
            }
          >
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="活动主题">{c.theme || '—'}</Descriptions.Item>
              <Descriptions.Item label="发文单位">{c.issuer || '—'}</Descriptions.Item>
              <Descriptions.Item label="发文日期">{chineseDate(c.issuedOn)}</Descriptions.Item>
              <Descriptions.Item label="报送截止">{chineseDate(c.deadline)} 24:00（北京时间）</Descriptions.Item>
              <Descriptions.Item label="报送材料">
                工作总结 {c.materials.summaryCount} 份（{c.materials.summaryFormats.join(' / ')}），照片{' '}
                {c.materials.photosMin}–{c.materials.photosMax} 张
              </Descriptions.Item>
              <Descriptions.Item label="联系人">
                {[c.contact.name, c.contact.phone, c.contact.email].filter(Boolean).join(' · ') || '—'}
              </Descriptions.Item>
            </Descriptions>
            <div
              style={{
                marginTop: 8,
                display: 'grid',
                gridTemplateColumns: 'max-content 1fr',
                rowGap: 6,
                columnGap: 12,
              }}
            >
              {sectionsOf(c.items).map(([section, items], s) => (
                <Fragment key={section}>
                  <span className="desk-muted">
                    {CHINESE_ORDINALS[s] ?? s + 1}、{section}
                  </span>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                    {items.map(({ item, index }) => (
                      <Tag
                        key={item.id}
                        color={item.kind === 'veto' ? 'red' : item.kind === 'count' ? 'blue' : undefined}
                      >
                        {index + 1}. {item.title}
                        {item.kind === 'count' ? `（≥${item.minCount} 次）` : ''} ·{' '}
                        {item.kind === 'veto' ? KIND_LABEL.veto : `${item.points} 分`}
                      </Tag>
                    ))}
                  </div>
                </Fragment>
              ))}
              <span />
              <div>
                <Tag color={c.totalPoints === 100 ? 'green' : 'orange'}>合计 {c.totalPoints} 分</Tag>
              </div>
            </div>
          </Card>
        </Badge.Ribbon>
      ))}
    </div>
  );
}
