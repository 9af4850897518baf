import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { AUDIT_ACTIONS, AUDIT_VIA, type AuditAction, type AuditVia } from '../../../../src-main/common/auditActions';
import { chinaDayStart, chinaTimeLabel } from '../../../../src-main/common/chinaTime';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { DateField } from '../../components/DateField';
import { useDebounced } from '../../util/useDebounced';
import { useAction, useExport } from '../../util/useAction';

const PAGE_SIZE = 50;

/** A picked day as the instant its China day begins, so the filter means the same on any PC clock. */
function dayStart(day: Dayjs | null, plusDays = 0): string | undefined {
  if (!day) return undefined;
  return chinaDayStart(day.add(plusDays, 'day').format('YYYY-MM-DD'));
}

const ACTION_COLORS: Partial<Record<AuditAction, string>> = {
  roster: 'geekblue',
  deletion: 'red',
  restore: 'volcano',
  correction: 'orange',
  decision: 'blue',
  honors: 'gold',
  import: 'green',
  claim: 'cyan',
  reminder: 'purple',
  status: 'magenta',
};

/** 设置 → 使用人: the name every change from this PC is written under. */
function OfficeUser() {
  const user = useOp('audit.user', undefined, ['settings']);
  const [form] = Form.useForm<{ name: string }>();
  const act = useAction();
  useEffect(() => {
    if (user.data && !form.isFieldsTouched()) form.setFieldsValue({ name: user.data.name ?? '' });
  }, [user.data, form]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v)
      await act(
        () => desk.audit.setUser({ name: v.name }),
        (r) => `使用人已设为“${r.name}”`,
      );
  };
  return (
    <Form form={form} layout="inline" onFinish={() => void save()} style={{ marginBottom: 16 }}>
      <Form.Item
        label="使用人"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写使用人的姓名' },
          { max: 30, message: '姓名最多 30 个字' },
        ]}
      >
        <Input placeholder="如：张敏" style={{ width: 200 }} aria-label="使用人" />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit">保存</Button>
      </Form.Item>
      <Typography.Text className="desk-muted">
        {user.data?.name
          ? '此后的每一项操作都记在这个名字下。'
          : `还没有设置：操作记录写作“${user.data?.unnamed ?? ''}”。`}
      </Typography.Text>
    </Form>
  );
}

/**
 * 操作记录: who did what and when, newest first, with filters and an Excel copy. There is no
 * edit or delete here, nor anywhere in the app: the log is evidence.
 */
export function AuditLog() {
  const [since, setSince] = useState<Dayjs | null>(null);
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [actions, setActions] = useState<AuditAction[]>([]);
  const [actor, setActor] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const typed = useDebounced(text.trim(), 250);
  const filter = useMemo(
    () => ({
      since: dayStart(since),
      until: dayStart(until, 1),
      actions: actions.length ? actions : undefined,
      actor,
      text: typed || undefined,
    }),
    [since, until, actions, actor, typed],
  );
  useEffect(() => setPage(1), [filter]);
  const log = useOp('audit.list', { ...filter, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, ['audit']);
  const exportDoc = useExport();

  return (
    <Card data-testid="audit-log">
      <OfficeUser />
      <Space wrap style={{ marginBottom: 12 }}>
        <DateField value={since} onChange={setSince} placeholder="从哪天起" aria-label="从哪天起" />
        <DateField value={until} onChange={setUntil} placeholder="到哪天止" aria-label="到哪天止" />
        <Select
          mode="multiple"
          allowClear
          placeholder="全部类别"
          style={{ minWidth: 220 }}
          value={actions}
          onChange={setActions}
          aria-label="类别"
          options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="全部操作人"
          style={{ width: 180 }}
          value={actor}
          onChange={setActor}
          aria-label="操作人"
          options={(log.data?.actors ?? []).map((a) => ({ value: a, label: a }))}
        />
        <Input.Search
          allowClear
          placeholder="内容中的字：集体名称、文件名"
          style={{ width: 260 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="搜索操作记录"
        />
        <Button
          icon={<FileExcelOutlined />}
          onClick={() =>
            void exportDoc(
              () => desk.audit.export({ ...filter, limit: 100_000 }),
              (r) => `已导出 ${r.rows} 条操作记录：${r.artifact.fileName}`,
            )
          }
        >
          导出 Excel
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={log.loading && !log.data}
        dataSource={log.data?.rows ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: log.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => `共 ${n} 条`,
        }}
        locale={{ emptyText: '没有符合条件的操作记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => chinaTimeLabel(at) },
          {
            title: '操作人',
            dataIndex: 'actor',
            width: 150,
            render: (name: string, r) =>
              r.actorKind === 'reviewer' ? (
                <span>
                  {name}
                  <Typography.Text className="desk-muted">（评审人）</Typography.Text>
                </span>
              ) : (
                name
              ),
          },
          {
            title: '类别',
            dataIndex: 'action',
            width: 100,
            render: (a: AuditAction) => <Tag color={ACTION_COLORS[a]}>{AUDIT_ACTIONS[a] ?? a}</Tag>,
          },
          { title: '内容', dataIndex: 'summary' },
          { title: '方式', dataIndex: 'via', width: 90, render: (v: AuditVia) => AUDIT_VIA[v] ?? v },
        ]}
      />
    </Card>
  );
}
