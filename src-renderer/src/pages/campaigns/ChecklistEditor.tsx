import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Input, Select, Space, Table } from 'antd';
import { NumberField } from '../../components/NumberField';
import type { OpOutput } from '../../api/client';

type Item = OpOutput<'campaigns.list'>[number]['items'][number];
export type EditableItem = Omit<Item, 'id'> & { id?: number; key: string };

let keySeed = 0;
/** Rows need a stable key before they have a database id. */
export const newKey = () => `k${++keySeed}`;

const KINDS = [
  { value: 'check', label: '完成 / 未完成' },
  { value: 'count', label: '计数（最低次数）' },
  { value: 'score', label: '评分（0 至分值）' },
  { value: 'veto', label: '一票否决' },
];

/** The checklist as an editable table: add, remove, reorder, set points and kinds. */
export function ChecklistEditor({
  items,
  onChange,
}: {
  items: EditableItem[];
  onChange: (items: EditableItem[]) => void;
}) {
  const sections = [...new Set(items.map((i) => i.section).filter(Boolean))];
  const total = items.reduce((sum, i) => sum + (i.kind === 'veto' ? 0 : i.points || 0), 0);
  const update = (key: string, patch: Partial<EditableItem>) =>
    onChange(items.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const move = (index: number, delta: number) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(index + delta, 0, moved!);
    onChange(next);
  };
  const add = () =>
    onChange([
      ...items,
      {
        key: newKey(),
        position: items.length,
        section: items.at(-1)?.section ?? '',
        title: '',
        guidance: '',
        points: 0,
        kind: 'check',
        minCount: null,
        // Saved empty, core gives a new item the words of its title and guidance.
        evidenceWords: [],
      },
    ]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<EditableItem>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={items}
        data-testid="checklist"
        columns={[
          { title: '序号', width: 56, render: (_v, _i, index) => index + 1 },
          {
            title: '所属部分',
            width: 150,
            render: (_v, item) => (
              <AutoComplete
                value={item.section}
                options={sections.map((s) => ({ value: s }))}
                onChange={(v: string) => update(item.key, { section: v })}
                style={{ width: '100%' }}
                placeholder="如：加强理论武装"
              />
            ),
          },
          {
            // The guidance sits under its item, the width of the row: a column of its own was 20 px at 1280.
            title: '活动项目 / 评审要点 / 证据词',
            render: (_v, item) => (
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Input
                  value={item.title}
                  status={item.title.trim() ? undefined : 'error'}
                  onChange={(e) => update(item.key, { title: e.target.value })}
                  placeholder="项目名称"
                  aria-label="活动项目"
                />
                <Input.TextArea
                  value={item.guidance}
                  onChange={(e) => update(item.key, { guidance: e.target.value })}
                  placeholder="评审要点：评审时看什么"
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  aria-label="评审要点"
                />
                <Select
                  mode="tags"
                  size="small"
                  value={item.evidenceWords}
                  onChange={(words: string[]) => update(item.key, { evidenceWords: words })}
                  tokenSeparators={['，', ',', '、', ' ', '；']}
                  open={false}
                  suffixIcon={null}
                  placeholder="证据词：评审助手在总结中找这些词（输入后回车；不填则取项目名称和要点中的词）"
                  aria-label="证据词"
                  data-testid="evidence-words"
                  style={{ width: '100%' }}
                />
              </Space>
            ),
          },
          {
            title: '类型',
            width: 150,
            render: (_v, item) => (
              <Select
                value={item.kind}
                options={KINDS}
                style={{ width: '100%' }}
                aria-label="类型"
                onChange={(kind: EditableItem['kind']) =>
                  update(item.key, {
                    kind,
                    minCount: kind === 'count' ? (item.minCount ?? 1) : null,
                    points: kind === 'veto' ? 0 : item.points,
                  })
                }
              />
            ),
          },
          {
            title: '最低次数',
            width: 96,
            render: (_v, item) =>
              item.kind === 'count' ? (
                <NumberField
                  min={1}
                  max={1000}
                  precision={0}
                  value={item.minCount}
                  onChange={(v) => update(item.key, { minCount: v ?? 1 })}
                  style={{ width: '100%' }}
                  aria-label="最低次数"
                />
              ) : (
                <span className="desk-muted">—</span>
              ),
          },
          {
            title: '分值',
            width: 90,
            render: (_v, item) =>
              item.kind === 'veto' ? (
                <span className="desk-muted">否决项</span>
              ) : (
                <NumberField
                  min={0}
                  max={100}
                  precision={0}
                  value={item.points}
                  onChange={(v) => update(item.key, { points: v ?? 0 })}
                  style={{ width: '100%' }}
                  aria-label="分值"
                />
              ),
          },
          {
            title: '操作',
            width: 116,
            render: (_v, item, index) => (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label="上移"
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={index === items.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label="下移"
                />
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={items.length === 1}
                  onClick={() => onChange(items.filter((i) => i.key !== item.key))}
                  aria-label="删除此项"
                />
              </Space>
            ),
          },
        ]}
      />
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <Button icon={<PlusOutlined />} onClick={add} data-testid="checklist-add">
          添加项目
        </Button>
        <div style={{ flex: 1 }} />
        <span data-testid="checklist-total" style={{ fontWeight: 600, color: total === 100 ? '#15803d' : '#b45309' }}>
          共 {items.length} 项，合计 {total} 分
        </span>
      </div>
      {total !== 100 && (
        <Alert
          type="warning"
          showIcon
          title={`各项分值合计为 ${total} 分，通常应为 100 分。分值是默认权重，可按办公室的评审办法调整。`}
        />
      )}
    </Space>
  );
}
