import { Button, Card, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { desk, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

type Reviewer = OpOutput<'reviewers.list'>[number];

/** 评审人: the list, and each reviewer's conflicts of interest (sectors or units they belong to). */
export function ReviewersEditor() {
  const reviewers = useOp('reviewers.list', undefined, ['reviews']);
  const sectors = useOp('sectors.list', undefined, ['sectors']);
  const units = useOp('units.list', {}, ['units']);
  const [name, setName] = useState('');
  const act = useAction();
  const save = (r: Reviewer, patch: Partial<Reviewer>) => {
    const next = { ...r, ...patch };
    void act(
      () =>
        desk.reviewers.update({
          id: r.id,
          fields: {
            name: next.name,
            conflictSectorIds: next.conflictSectorIds,
            conflictUnitIds: next.conflictUnitIds,
            active: next.active,
          },
        }),
      '已保存',
    );
  };
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Input
          placeholder="评审人姓名"
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 200 }}
          aria-label="评审人姓名"
        />
        <Button
          disabled={!name.trim()}
          onClick={() =>
            void act(
              () => desk.reviewers.create({ name }),
              (r) => `已添加评审人“${r.name}”`,
            ).then((r) => r && setName(''))
          }
        >
          添加评审人
        </Button>
      </Space>
      <Table<Reviewer>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={reviewers.data ?? []}
        data-testid="reviewers"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 140 },
          {
            title: '回避的系统（本人所属）',
            render: (_v, r) => (
              <Select
                mode="multiple"
                style={{ width: '100%' }}
                placeholder="无"
                value={r.conflictSectorIds}
                onChange={(ids: number[]) => save(r, { conflictSectorIds: ids })}
                options={(sectors.data ?? [])
                  .filter((s) => !s.hidden || r.conflictSectorIds.includes(s.id))
                  .map((s) => ({ value: s.id, label: s.name }))}
                aria-label={`${r.name} 回避的系统`}
              />
            ),
          },
          {
            title: '回避的集体',
            render: (_v, r) => (
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%' }}
                placeholder="无"
                value={r.conflictUnitIds}
                onChange={(ids: number[]) => save(r, { conflictUnitIds: ids })}
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                aria-label={`${r.name} 回避的集体`}
              />
            ),
          },
          {
            title: '在用',
            width: 70,
            render: (_v, r) => <Switch size="small" checked={r.active} onChange={(active) => save(r, { active })} />,
          },
        ]}
      />
      <Typography.Paragraph className="desk-muted" style={{ marginTop: 12, marginBottom: 0 }}>
        分配评审任务时不会把材料分给需要回避的评审人；已存在的回避评审会保留并显示为“回避”，但不计入均分。
      </Typography.Paragraph>
    </Card>
  );
}
