import { App, Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { NumberField } from '../../components/NumberField';
import { DateField } from '../../components/DateField';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { desk, DeskCallError, type OpInput, type OpOutput } from '../../api/client';
import { useKeydown } from '../../util/useAction';
import { ChecklistEditor, newKey, type EditableItem } from './ChecklistEditor';

type Campaign = OpOutput<'campaigns.list'>[number];
type Fields = OpInput<'campaigns.update'>['fields'];

const FORMATS = ['doc', 'docx', 'wps', 'pdf', 'odt', 'txt'];

interface FormValues {
  year: number;
  title: string;
  theme: string;
  issuer: string;
  issuedOn: Dayjs | null;
  deadline: Dayjs;
  summaryFormats: string[];
  summaryCount: number;
  photosMin: number;
  photosMax: number;
  note: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  contactOffice: string;
  verdictMins: number[];
  bonusCap: number;
  deductionCap: number;
  disagreementSpread: number;
}

/** One campaign's notice data and checklist; Ctrl+S saves. */
export function CampaignEditor({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [items, setItems] = useState<EditableItem[]>(() => campaign.items.map((item) => ({ ...item, key: newKey() })));
  const [saving, setSaving] = useState(false);

  // The fields are filled once, from the campaign as it was when the editor opened: a refresh of
  // the list (this save, another window, a CLI run) must not overwrite what is being typed.
  const [opened] = useState(campaign);
  useEffect(() => {
    form.setFieldsValue({
      year: opened.year,
      title: opened.title,
      theme: opened.theme,
      issuer: opened.issuer,
      issuedOn: opened.issuedOn ? dayjs(opened.issuedOn) : null,
      deadline: dayjs(opened.deadline),
      ...opened.materials,
      contactName: opened.contact.name,
      contactPhone: opened.contact.phone,
      contactEmail: opened.contact.email,
      contactOffice: opened.contact.office,
      verdictMins: opened.rubric.verdicts.map((v) => v.min),
      bonusCap: opened.rubric.bonusCap,
      deductionCap: opened.rubric.deductionCap,
      disagreementSpread: opened.rubric.disagreementSpread,
    });
  }, [opened, form]);

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      message.error('请先改正表单中标红的内容');
      return;
    }
    const fields: Fields = {
      year: values.year,
      title: values.title,
      theme: values.theme ?? '',
      issuer: values.issuer ?? '',
      issuedOn: values.issuedOn ? values.issuedOn.format('YYYY-MM-DD') : null,
      deadline: values.deadline.format('YYYY-MM-DD'),
      materials: {
        summaryFormats: values.summaryFormats,
        summaryCount: values.summaryCount,
        photosMin: values.photosMin,
        photosMax: values.photosMax,
        note: values.note ?? '',
      },
      contact: {
        name: values.contactName ?? '',
        phone: values.contactPhone ?? '',
        email: values.contactEmail ?? '',
        office: values.contactOffice ?? '',
      },
      items: items.map(({ key: _key, position: _p, ...item }) => ({
        ...item,
        minCount: item.kind === 'count' ? item.minCount : null,
      })),
      rubric: {
        verdicts: campaign.rubric.verdicts.map((v, i) => ({ label: v.label, min: values.verdictMins[i] ?? v.min })),
        bonusCap: values.bonusCap,
        deductionCap: values.deductionCap,
        disagreementSpread: values.disagreementSpread,
      },
    };
    // Reviews follow a changed checklist at once: say so before, while it can still be left alone.
    const scoring = (f: Pick<Fields, 'items' | 'rubric'>) =>
      JSON.stringify({
        items: f.items.map((i) => [i.id ?? null, i.kind, i.points, i.minCount]),
        caps: [f.rubric?.bonusCap, f.rubric?.deductionCap],
      });
    if (scoring(fields) !== scoring({ items: opened.items, rubric: opened.rubric })) {
      const existing = await desk.reviews.list({ campaignYear: opened.year }).catch(() => []);
      if (existing.length > 0) {
        const go = await modal.confirm({
          title: '检查清单已改动',
          content: `本年度已有 ${existing.length} 份评审。保存后将按新的检查清单重新计算这些评审的总分与等次；已删除检查项的评分会被移除，每份改动都记入评审历史。`,
          okText: '保存并重新计算',
          cancelText: '先不保存',
        });
        if (!go) return;
      }
    }
    setSaving(true);
    try {
      const saved = await desk.campaigns.update({ id: campaign.id, fields });
      message.success(
        saved.rescoredReviews > 0
          ? `已保存 ${values.year} 年度工作，${saved.rescoredReviews} 份评审已按新清单重新计算`
          : `已保存 ${values.year} 年度工作`,
      );
      onClose();
    } catch (error) {
      message.error(error instanceof DeskCallError ? error.message : '保存失败');
    } finally {
      setSaving(false);
    }
  };

  useKeydown((event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  });

  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>编辑 {campaign.year} 年度工作</h2>
        <Space>
          <Button onClick={onClose}>返回</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="campaign-save">
            保存（Ctrl+S）
          </Button>
        </Space>
      </div>
      <Form form={form} layout="vertical" className="desk-card" style={{ padding: '16px 20px 0' }}>
        <div style={{ display: 'grid', gridTemplateColumns: '120px 1fr 1fr', columnGap: 16 }}>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <NumberField min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="活动主题" name="theme">
            <Input />
          </Form.Item>
          <Form.Item label="发文单位" name="issuer">
            <Input />
          </Form.Item>
        </div>
        <Form.Item
          label="通知标题"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请填写通知标题' }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="campaign-title" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', columnGap: 16 }}>
          <Form.Item label="发文日期" name="issuedOn">
            <DateField style={{ width: '100%' }} aria-label="发文日期" />
          </Form.Item>
          <Form.Item
            label="报送截止日期"
            name="deadline"
            rules={[{ required: true, message: '请选择截止日期' }]}
            extra="当天 24:00（北京时间）前收到的为按时报送"
          >
            <DateField style={{ width: '100%' }} data-testid="campaign-deadline" aria-label="报送截止日期" />
          </Form.Item>
          <Form.Item label="工作总结份数" name="summaryCount" rules={[{ required: true }]}>
            <NumberField min={0} max={10} precision={0} style={{ width: '100%' }} addonAfter="份" />
          </Form.Item>
          <Form.Item label="活动照片张数">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="photosMin" noStyle rules={[{ required: true }]}>
                <NumberField min={0} max={100} precision={0} style={{ width: '50%' }} placeholder="至少" />
              </Form.Item>
              <Form.Item
                name="photosMax"
                noStyle
                dependencies={['photosMin']}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({
                    validator: (_r, v: number) =>
                      v >= getFieldValue('photosMin')
                        ? Promise.resolve()
                        : Promise.reject(new Error('照片上限不能小于下限')),
                  }),
                ]}
              >
                <NumberField min={0} max={100} precision={0} style={{ width: '50%' }} placeholder="至多" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </div>
        <Form.Item
          label="工作总结允许的格式"
          name="summaryFormats"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种格式' }]}
        >
          <Checkbox.Group options={FORMATS.map((f) => ({ value: f, label: `.${f}` }))} />
        </Form.Item>
        <Form.Item label="材料要求说明" name="note">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', columnGap: 16 }}>
          <Form.Item label="联系人" name="contactName">
            <Input />
          </Form.Item>
          <Form.Item label="联系电话" name="contactPhone">
            <Input />
          </Form.Item>
          <Form.Item label="电子邮箱" name="contactEmail" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="承办科室" name="contactOffice">
            <Input />
          </Form.Item>
        </div>
        <Typography.Title level={5}>评审等次与加减分</Typography.Title>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
          {campaign.rubric.verdicts.map((v, i) => (
            <Form.Item
              key={v.label}
              label={`${v.label}（不低于）`}
              name={['verdictMins', i]}
              rules={[{ required: true }]}
            >
              <NumberField min={0} max={1000} addonAfter="分" style={{ width: 140 }} />
            </Form.Item>
          ))}
          <Form.Item label="加分上限" name="bonusCap" rules={[{ required: true }]}>
            <NumberField min={0} max={100} precision={0} addonAfter="分" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item label="扣分上限" name="deductionCap" rules={[{ required: true }]}>
            <NumberField min={0} max={100} precision={0} addonAfter="分" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item label="评审人分差超过即标“有分歧”" name="disagreementSpread" rules={[{ required: true }]}>
            <NumberField min={0} max={100} addonAfter="分" style={{ width: 150 }} />
          </Form.Item>
        </div>
      </Form>
      <div className="desk-card" style={{ padding: 16 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          活动检查清单
        </Typography.Title>
        <ChecklistEditor items={items} onChange={setItems} />
      </div>
    </div>
  );
}
