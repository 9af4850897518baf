import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useAction } from '../../util/useAction';
import { useOp } from '../../api/useOp';

/** The editable list of 系统/条线 the roster groups units under. */
export function SectorsEditor() {
  const sectors = useOp('sectors.list', undefined, ['sectors', 'units']);
  const [name, setName] = useState('');
  const [merging, setMerging] = useState<{ id: number; name: string; unitCount: number } | null>(null);
  const [into, setInto] = useState<number | undefined>();
  const list = sectors.data ?? [];

  const act = useAction();
  const run = async (work: () => Promise<unknown>, done?: string) =>
    (await act(async () => (await work(), true), done)) ?? false;

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
          onPressEnter={async () =>
            (await run(() => desk.sectors.create({ name }), `已添加“${name.trim()}”`)) && setName('')
          }
          style={{ width: 320 }}
        />
        <Button
          icon={<PlusOutlined />}
          disabled={!name.trim()}
          onClick={async () =>
            (await run(() => desk.sectors.create({ name }), `已添加“${name.trim()}”`)) && setName('')
          }
        >
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
              <Typography.Text
                editable={{
                  onChange: (next) =>
                    next.trim() &&
                    next !== value &&
                    void run(() => desk.sectors.rename({ id: s.id, name: next }), '已改名'),
                  triggerType: ['text', 'icon'],
                }}
              >
                {value}
              </Typography.Text>
            ),
          },
          {
            title: '别名（导入名册时对应到本系统）',
            render: (_v, s) => (
              <Space size={4} wrap>
                {s.hidden && <Tag>已隐藏</Tag>}
                {s.aliases.map((a) => (
                  <Tag key={a} color="blue">
                    {a}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: '集体数', dataIndex: 'unitCount', width: 80, align: 'right' },
          {
            title: '操作',
            width: 250,
            render: (_v, s, i) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setInto(undefined);
                    setMerging(s);
                  }}
                >
                  合并到…
                </Button>
                <Button
                  type="link"
                  size="small"
                  disabled={!s.hidden && s.unitCount > 0}
                  title={!s.hidden && s.unitCount > 0 ? '有集体的系统不能隐藏' : undefined}
                  onClick={() =>
                    void run(
                      () => desk.sectors.setHidden({ id: s.id, hidden: !s.hidden }),
                      s.hidden ? `已重新显示“${s.name}”` : `已隐藏“${s.name}”：选择系统时不再列出`,
                    )
                  }
                >
                  {s.hidden ? '显示' : '隐藏'}
                </Button>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label="上移"
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === list.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label="下移"
                />
                <Popconfirm
                  title={`删除“${s.name}”？`}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => void run(() => desk.sectors.remove({ id: s.id }), '已删除')}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        名册里的“金融”“教育”等简称会在导入时对应到“金融团工委”“教育团工委”，并记为别名。已经多出来的简称系统，用“合并到…”并入正式名称：集体随之移动，原名记为别名。本办公室不用的系统可以隐藏（不会删除，往年数据照旧）。
      </Typography.Paragraph>
      <Modal
        open={!!merging}
        title={`把“${merging?.name ?? ''}”合并到…`}
        okText="合并"
        okButtonProps={{ disabled: !into }}
        onCancel={() => setMerging(null)}
        onOk={() =>
          void run(
            () => desk.sectors.merge({ fromId: merging!.id, intoId: into! }),
            `已合并：${merging!.unitCount} 个集体移入“${list.find((x) => x.id === into)?.name ?? ''}”，“${merging!.name}”记为别名`,
          ).then((ok) => ok && setMerging(null))
        }
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            “{merging?.name}”的 {merging?.unitCount ?? 0} 个集体和评审人的回避设置移入所选系统；“{merging?.name}
            ”不再单列，以后名册中写“{merging?.name}”的集体自动归入所选系统。
          </Typography.Text>
          <Select
            style={{ width: 320 }}
            placeholder="合并到的系统"
            value={into}
            onChange={setInto}
            aria-label="合并到的系统"
            options={list.filter((x) => x.id !== merging?.id).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Space>
      </Modal>
    </Card>
  );
}
