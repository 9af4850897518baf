import { Alert, Space, Statistic, Table } from 'antd';
import type { OpOutput } from '../../api/client';
import { SectorMatches } from './SectorMatches';

type Plan = NonNullable<OpOutput<'units.importPreview'>['plan']>;

/** What an import would do: the counts, sector names to confirm, new sectors, and the rows it leaves out. */
export function ImportPlan({
  plan,
  onChoose,
}: {
  plan: Plan;
  onChoose: (name: string, sectorId: number | null) => void;
}) {
  return (
    <>
      <Space size={40}>
        <Statistic title="新增" value={plan.counts.create} styles={{ content: { color: '#15803d' } }} />
        <Statistic title="更新" value={plan.counts.update} styles={{ content: { color: '#1d4ed8' } }} />
        <Statistic title="无变化" value={plan.counts.unchanged} />
        <Statistic
          title="有问题的行"
          value={plan.counts.bad}
          styles={{ content: { color: plan.counts.bad ? '#c8102e' : undefined } }}
        />
      </Space>
      <SectorMatches sectors={plan.sectors} onChoose={onChoose} />
      {plan.newSectors.length > 0 && <Alert type="info" showIcon title={`将新增系统：${plan.newSectors.join('、')}`} />}
      {plan.counts.bad > 0 && (
        <Table
          size="small"
          rowKey="row"
          data-testid="bad-rows"
          pagination={plan.bad.length > 8 ? { pageSize: 8, size: 'small' } : false}
          dataSource={plan.bad}
          title={() => `以下 ${plan.counts.bad} 行不会导入，请在表格中改正后重新导入：`}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70, render: (r: number) => `第 ${r} 行` },
            { title: '集体名称', dataIndex: 'name', width: 280, render: (n: string) => n || '（空）' },
            { title: '原因', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
          ]}
        />
      )}
    </>
  );
}
