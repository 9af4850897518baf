import { Button, Drawer, Space, Table, Typography } from 'antd';
import { chinaTimeLabel } from '../../../../src-main/common/chinaTime';
import type { OpInput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { navigate, type Route } from '../../shell/route';

type ChartPick = OpInput<'dashboard.list'>['pick'];

export interface Picked {
  title: string;
  pick: ChartPick;
  /** The page where the office acts on these rows. */
  page: { route: Route; label: string };
}

/** The units or submissions behind a clicked bar: the count made into a list the office can act on. */
export function PickedList({ picked, onClose }: { picked: Picked | null; onClose: () => void }) {
  const rows = useOp('dashboard.list', picked ? { pick: picked.pick } : undefined, ['units', 'submissions', 'reviews']);
  const list = picked ? (rows.data ?? []) : [];
  return (
    <Drawer
      open={!!picked}
      onClose={onClose}
      size={720}
      title={picked ? `${picked.title}（${rows.loading && !rows.data ? '…' : list.length}）` : ''}
      extra={
        picked && (
          <Space>
            <Button type="primary" onClick={() => navigate(picked.page.route)}>
              {picked.page.label}
            </Button>
          </Space>
        )
      }
      data-testid="picked-list"
    >
      <Table
        size="small"
        rowKey={(r) => `${r.unitId ?? ''}:${r.unitName}:${r.receivedAt ?? ''}`}
        dataSource={list}
        loading={rows.loading && !rows.data}
        pagination={false}
        virtual
        scroll={{ y: 640 }}
        locale={{ emptyText: '没有' }}
        columns={[
          { title: '集体', dataIndex: 'unitName', width: 220 },
          { title: '系统', dataIndex: 'sector', width: 130, ellipsis: true },
          { title: '联系人', dataIndex: 'contact', width: 80 },
          { title: '电话', dataIndex: 'phone', width: 120 },
          {
            title: '情况',
            dataIndex: 'detail',
            render: (text: string, r) => (
              <Typography.Text>{r.receivedAt ? `${chinaTimeLabel(r.receivedAt)} ${text}` : text}</Typography.Text>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
