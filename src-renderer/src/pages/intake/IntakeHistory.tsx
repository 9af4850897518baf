import { Table } from 'antd';
import type { OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { chinaTime, StatusTag } from './labels';

type Row = OpOutput<'intake.history'>[number];

/** Every archive or e-mail ever given to intake this year, refused ones with their reason. */
export function IntakeHistory() {
  const history = useOp('intake.history', {}, ['submissions']);
  return (
    <Table<Row>
      size="small"
      rowKey="id"
      loading={history.loading && !history.data}
      dataSource={history.data ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: '导入时间', width: 150, render: (_v, r) => chinaTime(r.importedAt) },
        { title: '来源', dataIndex: 'label', ellipsis: true, width: 260 },
        { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => <StatusTag status={s} /> },
        { title: '代码', dataIndex: 'code', width: 140, render: (c: string | null) => c ?? '' },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}
