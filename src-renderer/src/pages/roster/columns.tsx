import { Button, Space, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OpOutput } from '../../api/client';
import { labelOf, UNIT_STATUS, type UnitStatus } from '../../../../src-main/common/statuses';
import { YearMarks, type YearMark } from './YearMarks';

export type Unit = OpOutput<'units.list'>[number];

const LEVEL_ORDER: Record<string, number> = { 全国: 0, 省级: 1, 市级: 2, 县区级: 3 };
const STATUS_COLOR: Record<UnitStatus, string> = { active: 'green', suspended: 'orange', revoked: 'default' };
const collator = new Intl.Collator('zh-CN-u-co-pinyin');

export function rosterColumns(
  onEdit: (unit: Unit) => void,
  onDelete: (units: Unit[]) => void,
  sectorOrder: Map<number, number>,
  onMaterials: (unit: Unit) => void,
  marks: Record<number, YearMark[]>,
  onHistory: (unit: Unit) => void,
): ColumnsType<Unit> {
  return [
    {
      title: '集体名称',
      dataIndex: 'name',
      width: 180,
      fixed: 'left',
      ellipsis: true,
      sorter: (a, b) => collator.compare(a.name, b.name),
      render: (name: string, unit) => (
        <Tooltip title={unit.aliases.length ? `别名：${unit.aliases.join('；')}` : undefined} placement="topLeft">
          <a onClick={() => onEdit(unit)}>{name}</a>
        </Tooltip>
      ),
    },
    {
      title: '系统',
      dataIndex: 'sectorName',
      width: 122,
      ellipsis: true,
      sorter: (a, b) => (sectorOrder.get(a.sectorId ?? -1) ?? 1e9) - (sectorOrder.get(b.sectorId ?? -1) ?? 1e9),
      render: (v: string | null) => v ?? <span className="desk-muted">未分配</span>,
    },
    {
      title: '级别',
      dataIndex: 'level',
      width: 60,
      sorter: (a, b) => (LEVEL_ORDER[a.level ?? ''] ?? 9) - (LEVEL_ORDER[b.level ?? ''] ?? 9),
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '命名',
      dataIndex: 'yearNamed',
      width: 60,
      sorter: (a, b) => (a.yearNamed ?? 0) - (b.yearNamed ?? 0),
      render: (v: number | null) => v ?? '—',
    },
    {
      title: '状态 · 近三年',
      dataIndex: 'status',
      width: 104,
      render: (v: UnitStatus, unit) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Tag color={STATUS_COLOR[v]} style={{ marginInlineEnd: 0 }}>
            {labelOf(UNIT_STATUS, v)}
          </Tag>
          <YearMarks marks={marks[unit.id]} name={unit.name} onOpen={() => onHistory(unit)} />
        </span>
      ),
    },
    { title: '联系人', dataIndex: 'contact', width: 76, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '联系电话', dataIndex: 'phone', width: 124, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '电子邮箱', dataIndex: 'email', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_: unknown, unit) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onMaterials(unit)} aria-label={`${unit.name} 的报送材料`}>
            材料
          </Button>
          <Button type="link" size="small" onClick={() => onEdit(unit)}>
            编辑
          </Button>
          <Button type="link" size="small" danger onClick={() => onDelete([unit])} aria-label={`删除 ${unit.name}`}>
            删除
          </Button>
        </Space>
      ),
    },
  ];
}
