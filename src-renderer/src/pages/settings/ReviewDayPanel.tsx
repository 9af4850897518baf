import { Alert, App, AutoComplete, Button, Card, Form, QRCode, Space, Table, TimePicker, Typography } from 'antd';
import { ReviewerWork } from './ReviewerWork';
import dayjs, { type Dayjs } from 'dayjs';
import { desk, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction, useExport } from '../../util/useAction';
import { chinaTime } from '../intake/labels';
import { navigate } from '../../shell/route';

type Status = OpOutput<'reviewDay.status'>;
type Row = Status['board'][number];

const UNENCRYPTED =
  '评审人通过办公室内网访问，连接没有加密：验证码只在今天、只给评审人本人使用，不要在其他场合使用，也不要用作其他密码。';

/** The default end of a day: 18:00 today, or four hours from now when that has passed. */
function defaultEnd(): Dayjs {
  const six = dayjs().hour(18).minute(0).second(0);
  return six.isAfter(dayjs().add(30, 'minute')) ? six : dayjs().add(4, 'hour').second(0);
}

/** 设置 → 集中评审: open the app to the office network for a review day, hand out codes, close it. */
export function ReviewDayPanel() {
  const status = useOp('reviewDay.status', undefined, ['reviewDay', 'reviews']);
  const s = status.data;
  if (!s) return <Card loading />;
  return s.day ? <OpenDay status={s} /> : <StartDay addresses={s.addresses} />;
}

function StartDay({ addresses }: { addresses: string[] }) {
  const act = useAction();
  const [form] = Form.useForm<{ address: string; end: Dayjs }>();
  const start = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    // A time earlier than now means the same time tomorrow (a day that runs past midnight).
    const end = v.end.isBefore(dayjs()) ? v.end.add(1, 'day') : v.end;
    await act(() => desk.reviewDay.start({ address: v.address.trim(), endsAt: end.toISOString() }), '集中评审已开始');
  };
  return (
    <Card title="集中评审" data-testid="review-day-start">
      <Typography.Paragraph>
        评审会当天，评审人各用自己的电脑，在同一个办公室网络里打开本机地址，输入验证码即可评审分配给自己的材料；看不到名册、收件、其他人的分数和设置。到结束时间或点“结束集中评审”后，网络入口自动关闭。
      </Typography.Paragraph>
      {!addresses.length && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="本机现在没有连上办公室网络"
          description="请先连上办公室的网络（网线或无线），再回到这里。"
        />
      )}
      <Form
        form={form}
        layout="inline"
        initialValues={{ address: addresses[0] ?? '', end: defaultEnd() }}
        onFinish={() => void start()}
      >
        <Form.Item label="本机网络地址" name="address" rules={[{ required: true, message: '请选择本机的网络地址' }]}>
          <AutoComplete
            style={{ width: 200 }}
            options={addresses.map((a) => ({ value: a }))}
            aria-label="本机网络地址"
          />
        </Form.Item>
        <Form.Item label="结束时间" name="end" rules={[{ required: true, message: '请选择结束时间' }]}>
          <TimePicker format="HH:mm" minuteStep={5} aria-label="结束时间" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          开始集中评审
        </Button>
      </Form>
      <Alert type="info" showIcon style={{ marginTop: 12 }} title={UNENCRYPTED} />
    </Card>
  );
}

function OpenDay({ status }: { status: Status }) {
  const act = useAction();
  const exportDoc = useExport();
  const { modal } = App.useApp();
  const day = status.day!;
  const url = day.port ? `http://${day.address}:${day.port}` : null;
  const stop = () =>
    modal.confirm({
      title: '结束集中评审？',
      content: '网络入口立即关闭，所有验证码作废。评审人已保存的评审都会保留。',
      okText: '结束',
      cancelText: '取消',
      onOk: () =>
        act(
          () => desk.reviewDay.stop(),
          (out) =>
            out.unfinished.length
              ? `已结束。未评完：${out.unfinished.map((u) => `${u.reviewerName} ${u.left} 份`).join('，')}`
              : '已结束，分配的材料都已评完',
        ),
    });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="review-day-open">
      <Card
        title={`集中评审进行中 · 至 ${chinaTime(day.endsAt)}`}
        extra={
          <Button danger onClick={stop}>
            结束集中评审
          </Button>
        }
      >
        {url ? (
          <Space size={32} align="start">
            <QRCode value={url} size={160} />
            <div>
              <div className="desk-muted">评审人在浏览器地址栏输入：</div>
              <div style={{ fontSize: 36, fontWeight: 600, letterSpacing: 1 }} data-testid="review-day-url">
                {url}
              </div>
              <div className="desk-muted">或用手机扫左边的二维码；打开后输入下表中自己的验证码。</div>
              <Button
                style={{ marginTop: 12 }}
                onClick={() =>
                  void exportDoc(
                    () => desk.reviewDay.slips({}),
                    (out) => `已生成 ${out.slips} 张验证码纸条，打印后剪开分给各位评审人`,
                  )
                }
              >
                打印验证码纸条（PDF）
              </Button>
            </div>
          </Space>
        ) : (
          <Alert
            type="warning"
            showIcon
            title="正在打开网络入口……"
            description={`如果一直停在这里，说明无法在 ${day.address} 上开放（可能被其他程序占用，或防火墙不允许），请结束后换一个地址再试。`}
          />
        )}
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={UNENCRYPTED} />
      </Card>
      <Card
        title="评审人与验证码"
        size="small"
        extra={
          <Button type="link" onClick={() => navigate('review')}>
            评审 → 汇总与定级
          </Button>
        }
      >
        <Table<Row>
          size="small"
          rowKey="reviewerId"
          dataSource={status.board}
          pagination={false}
          locale={{ emptyText: '还没有评审人' }}
          // A reviewer's row opens on their materials: 退回 or 改派 from the board itself.
          expandable={{
            rowExpandable: (r) => r.done + r.started + r.todo > 0,
            expandedRowRender: (r) => (
              <ReviewerWork
                reviewerId={r.reviewerId}
                reviewerName={r.reviewerName}
                others={status.board.filter((o) => o.reviewerId !== r.reviewerId)}
              />
            ),
          }}
          columns={[
            { title: '评审人', dataIndex: 'reviewerName', width: 110 },
            {
              title: '验证码',
              dataIndex: 'code',
              width: 130,
              render: (code: string | null) =>
                code ? (
                  <span
                    style={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 3 }}
                    data-testid="review-day-code"
                  >
                    {code}
                  </span>
                ) : (
                  <span className="desk-muted">无（离线评审包或已收回）</span>
                ),
            },
            {
              title: '进度',
              width: 210,
              render: (_v, r) => `已评 ${r.done} · 评审中 ${r.started} · 待评 ${r.todo}`,
            },
            {
              title: '最近活动',
              dataIndex: 'lastSeenAt',
              render: (at: string | null, c) =>
                at ? `${chinaTime(at)}${c.openUnitName ? ` · 正在看 ${c.openUnitName}` : ''}` : '尚未进入',
            },
            {
              title: '',
              width: 200,
              render: (_v, c) => (
                <Space>
                  <Button
                    size="small"
                    onClick={() =>
                      void act(
                        () => desk.reviewDay.issueCode({ reviewerId: c.reviewerId }),
                        (out) => `${c.reviewerName}的新验证码：${out.code}${c.code ? '（原验证码已作废）' : ''}`,
                      )
                    }
                  >
                    {c.code ? '重新生成' : '生成验证码'}
                  </Button>
                  {c.code && (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        void act(
                          () => desk.reviewDay.revokeCode({ reviewerId: c.reviewerId }),
                          `已收回${c.reviewerName}的验证码`,
                        )
                      }
                    >
                      收回
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
