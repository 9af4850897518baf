import { Button, Card, Checkbox, Input, Modal, Radio, Space, Switch, Table, Tag, Typography } from 'antd';
import { NumberField } from '../../components/NumberField';
import { DateField } from '../../components/DateField';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { desk, type OpInput, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction, useExport } from '../../util/useAction';

type Rule = OpInput<'honors.preview'>['rule'];
type Candidate = OpOutput<'honors.preview'>[number];
type Hand = NonNullable<OpInput<'honors.preview'>['hand']>[number];

/** 表彰: choose by rule, adjust by hand with reasons, preview, record, and export the formal list. */
export function HonorsPanel() {
  const campaign = useOp('campaigns.current', undefined, ['campaigns']);
  const current = useOp('honors.current', {}, ['reviews']);
  const act = useAction();
  const exportDoc = useExport();
  const verdicts = campaign.data?.rubric.verdicts.map((v) => v.label) ?? [];
  const [mode, setMode] = useState<'verdict' | 'score' | 'quota'>('verdict');
  const [chosen, setChosen] = useState<string[]>(['优秀']);
  const [min, setMin] = useState(90);
  const [quota, setQuota] = useState(3);
  const [hand, setHand] = useState<Hand[]>([]);
  const [list, setList] = useState<Candidate[] | null>(null);
  const [asking, setAsking] = useState<{ candidate: Candidate; include: boolean } | null>(null);
  const [reason, setReason] = useState('');
  const [title, setTitle] = useState('');
  const [issuer, setIssuer] = useState('');
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [unranked, setUnranked] = useState(true);
  const [grouped, setGrouped] = useState(true);

  const rule = (): Rule =>
    mode === 'verdict'
      ? { type: 'verdict', verdicts: chosen }
      : mode === 'score'
        ? { type: 'score', min }
        : { type: 'quota', perSector: quota };
  const preview = async (nextHand = hand) => {
    const result = await act(() => desk.honors.preview({ rule: rule(), hand: nextHand }));
    if (result) setList(result);
  };
  const toggle = (c: Candidate) => {
    const include = !c.included;
    // A change against the rule, or including a blocked unit, needs a reason on record.
    setAsking({ candidate: c, include });
    setReason('');
  };
  const confirmHand = () => {
    const next = [
      ...hand.filter((h) => h.unitId !== asking!.candidate.unitId),
      { unitId: asking!.candidate.unitId, include: asking!.include, reason },
    ];
    setHand(next);
    setAsking(null);
    void preview(next);
  };
  const decide = () =>
    void act(
      () => desk.honors.decide({ rule: rule(), hand }),
      (r) => `已确定表彰集体 ${r.commended} 个`,
    );
  const exportWith = (format: 'pdf' | 'docx', confirmUnsettled: boolean) =>
    exportDoc(
      () =>
        desk.export.honors({
          title: title || undefined,
          issuer: issuer || undefined,
          date: date.format('YYYY-MM-DD'),
          unranked,
          grouped,
          format,
          confirmUnsettled,
        }),
      (r) => `已生成表彰名单：${r.sectors} 个系统、${r.commended} 个集体`,
    );
  // A list holding a 需重新定级 or undecided unit is printed only after the office has seen them named.
  const exportPdf = async (format: 'pdf' | 'docx' = 'pdf') => {
    const unsettled = await act(() => desk.honors.unsettled({}));
    if (!unsettled) return;
    if (!unsettled.length) return void exportWith(format, false);
    Modal.confirm({
      title: `表彰名单中有 ${unsettled.length} 个集体的定级还不确定`,
      content: (
        <div data-testid="honors-unsettled">
          <ul style={{ paddingLeft: 20, maxHeight: 240, overflow: 'auto' }}>
            {unsettled.map((u) => (
              <li key={u.unitName}>
                {u.unitName}：{u.why}
              </li>
            ))}
          </ul>
          <p>建议先到“评审 → 汇总与定级”处理。确认无误仍要导出吗？</p>
        </div>
      ),
      okText: '仍然导出',
      cancelText: '先去处理',
      onOk: () => void exportWith(format, true),
    });
  };
  const recorded = current.data?.groups.reduce((n, g) => n + g.names.length, 0) ?? 0;

  return (
    <Card title="表彰" data-testid="honors-panel">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
          <Radio value="verdict">
            按等次：
            <Checkbox.Group
              value={chosen}
              onChange={(v) => setChosen(v as string[])}
              options={verdicts.map((v) => ({ value: v, label: v }))}
            />
          </Radio>
          <Radio value="score">
            按分数线 ≥{' '}
            <NumberField
              size="small"
              min={0}
              max={1000}
              value={min}
              onChange={(v) => setMin(v ?? 0)}
              style={{ width: 70 }}
              aria-label="分数线"
            />
          </Radio>
          <Radio value="quota">
            每个系统前{' '}
            <NumberField
              size="small"
              min={1}
              max={1000}
              value={quota}
              onChange={(v) => setQuota(v ?? 1)}
              style={{ width: 60 }}
              aria-label="每个系统名额"
            />{' '}
            名
          </Radio>
        </Radio.Group>
        <Space>
          <Button onClick={() => void preview()}>预览</Button>
          <Button type="primary" disabled={!list} onClick={decide} data-testid="honors-decide">
            确定表彰名单
          </Button>
          <Typography.Text className="desk-muted">已确定：{recorded} 个集体</Typography.Text>
        </Space>
        {list && (
          <Table<Candidate>
            size="small"
            rowKey="unitId"
            dataSource={list}
            pagination={list.length > 20 ? { pageSize: 20 } : false}
            data-testid="honors-preview"
            columns={[
              { title: '集体', dataIndex: 'unitName', ellipsis: true },
              { title: '系统', dataIndex: 'sector', width: 180, ellipsis: true },
              { title: '得分', dataIndex: 'score', width: 70, render: (v: number | null) => v ?? '—' },
              { title: '等次', dataIndex: 'verdict', width: 70, render: (v: string | null) => v ?? '—' },
              {
                title: '状态',
                width: 260,
                render: (_v, c) => (
                  <Space size={4} wrap>
                    {c.included ? <Tag color="green">列入</Tag> : <Tag>不列入</Tag>}
                    {c.basis === 'hand' && (
                      <Tag color="gold" style={{ whiteSpace: 'normal' }}>
                        人工调整：{c.reason}
                      </Tag>
                    )}
                    {c.blocked && <Tag color="red">{c.blocked}</Tag>}
                  </Space>
                ),
              },
              {
                title: '',
                width: 90,
                render: (_v, c) => (
                  <Button size="small" onClick={() => toggle(c)}>
                    {c.included ? '移出' : '列入'}
                  </Button>
                ),
              },
            ]}
          />
        )}
        <Space wrap>
          <Space.Compact>
            <Space.Addon>标题</Space.Addon>
            <Input
              placeholder="留空则用“某年度某地青年文明号集体表彰名单”"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              style={{ width: 420 }}
              aria-label="表彰名单标题"
            />
          </Space.Compact>
          <Space.Compact>
            <Space.Addon>落款</Space.Addon>
            <Input
              placeholder={campaign.data?.issuer ?? ''}
              value={issuer}
              onChange={(e) => setIssuer(e.target.value)}
              style={{ width: 330 }}
              aria-label="落款单位"
            />
          </Space.Compact>
          <Space.Compact>
            <Space.Addon>成文日期</Space.Addon>
            <DateField
              value={date}
              onChange={(d) => d && setDate(d)}
              allowClear={false}
              style={{ width: 170 }}
              aria-label="成文日期"
            />
          </Space.Compact>
          <span>
            <Switch size="small" checked={unranked} onChange={setUnranked} /> 排名不分先后
          </span>
          <span>
            <Switch size="small" checked={grouped} onChange={setGrouped} /> 按系统分组
          </span>
          <Button type="primary" disabled={!recorded} onClick={() => void exportPdf()} data-testid="export-honors">
            导出表彰名单 PDF
          </Button>
          <Button disabled={!recorded} onClick={() => void exportPdf('docx')} data-testid="export-honors-docx">
            导出 Word 版（.docx）
          </Button>
        </Space>
      </Space>
      <Modal
        open={!!asking}
        title={asking ? `${asking.include ? '列入' : '移出'}“${asking.candidate.unitName}”` : ''}
        okText="确定"
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onOk={confirmHand}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        {asking?.candidate.blocked && (
          <Typography.Paragraph type="danger">{asking.candidate.blocked}，需写明理由方可列入。</Typography.Paragraph>
        )}
        <Input.TextArea
          rows={3}
          placeholder="调整理由（会记录在案）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="调整理由"
        />
      </Modal>
    </Card>
  );
}
