import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useAction } from '../../util/useAction';
import { useOp } from '../../api/useOp';

/** The editable list of 系统/条线 the roster groups units under. */
export function SectorsEditor() {
  const sectors = useOp('sectors.list', undefined, ['sectors', 'units']);
  const [name, setName] = useState('');
  const list = sectors.data ?? [];

  const act = useAction();
  const run = async (work: () => Promise<unknown>, done?: string) => (await act(async () => (await work(), true), done)) ?? false;

  const move = (index: number, delta: number) => {
    const ids = list.map((s) => s.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    void run(() => desk.sectors.reorder({ ids }));
  };

  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Input
          placeholder="新系统名称，如：卫健团工委"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={async () => (await run(() => desk.sectors.create({ name }), `已添加“${name.trim()}”`)) && setName('')}
          style={{ width: 320 }}
        />
        <Button icon={<PlusOutlined />} disabled={!name.trim()} onClick={async () => (await run(() => desk.sectors.create({ name }), `已添加“${name.trim()}”`)) && setName('')}>
          添加系统
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list}
        columns={[
          { title: '序号', width: 64, render: (_v, _s, i) => i + 1 },
          {
            title: '系统 / 条线（点击名称修改）',
            dataIndex: 'name',
            render: (value: string, s) => (
              <Typography.Text editable={{ onChange: (next) => next.trim() && next !== value && void run(() => desk.sectors.rename({ id: s.id, name: next }), '已改名'), triggerType: ['text', 'icon'] }}>{value}</Typography.Text>
            ),
          },
          { title: '集体数', dataIndex: 'unitCount', width: 100, align: 'right' },
          {
            title: '操作',
            width: 140,
            render: (_v, s, i) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" />
                <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === list.length - 1} onClick={() => move(i, 1)} aria-label="下移" />
                <Popconfirm title={`删除“${s.name}”？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => void run(() => desk.sectors.remove({ id: s.id }), '已删除')}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
