import { Form, Input, Modal, Radio, Select, App } from 'antd';
import { NumberField } from '../../components/NumberField';
import { useEffect, useState } from 'react';
import { desk, DeskCallError, type OpOutput } from '../../api/client';
import type { Unit } from './columns';
import { UNIT_STATUS, UNIT_STATUSES, type UnitStatus } from '../../../../src-main/common/statuses';

type Sector = OpOutput<'sectors.list'>[number];

interface Values {
  name: string;
  sectorId: number | null;
  level: '全国' | '省级' | '市级' | '县区级' | null;
  yearNamed: number | null;
  status: UnitStatus;
  contact: string | null;
  phone: string | null;
  email: string | null;
  aliases: string[];
  notes: string | null;
}

const PHONE =
  /^((\+?86[-\s]?)?1[3-9]\d{9}|(\(?0\d{2,3}\)?[-\s]?)?[2-9]\d{6,7}(-\d{1,6})?|(400|800)-?\d{3}-?\d{4})([、,，;；/]\s*.+)?$/;

const FIELD_BY_PATH: Record<string, keyof Values> = {
  name: 'name',
  phone: 'phone',
  email: 'email',
  yearNamed: 'yearNamed',
  sectorId: 'sectorId',
  notes: 'notes',
  contact: 'contact',
};

/** Create or edit one unit. Client rules catch typos early; the server has the final word (uniqueness). */
export function UnitFormModal({
  unit,
  open,
  sectors,
  onClose,
}: {
  unit: Unit | null;
  open: boolean;
  sectors: Sector[];
  onClose: (saved?: Unit) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      unit
        ? { ...unit }
        : {
            name: '',
            sectorId: null,
            level: null,
            yearNamed: null,
            status: 'active',
            contact: null,
            phone: null,
            email: null,
            aliases: [],
            notes: null,
          },
    );
  }, [open, unit, form]);

  const submit = async () => {
    // Invalid fields are marked in the form itself; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      const fields = { ...values, aliases: values.aliases ?? [] };
      const saved = unit ? await desk.units.update({ id: unit.id, fields }) : await desk.units.create(fields);
      message.success(unit ? `已保存“${saved.name}”` : `已新增“${saved.name}”`);
      onClose(saved);
    } catch (error) {
      if (error instanceof DeskCallError) {
        const details = error.details as { field?: string } | Array<{ path: string[]; message: string }> | undefined;
        if (error.code === 'duplicate-name') form.setFields([{ name: 'name', errors: [error.message] }]);
        else if (Array.isArray(details)) {
          form.setFields(
            details
              .filter((d) => FIELD_BY_PATH[d.path[0] ?? ''])
              .map((d) => ({ name: FIELD_BY_PATH[d.path[0]!]!, errors: [d.message] })),
          );
        } else message.error(error.message);
      } else message.error('保存失败');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={unit ? `编辑集体：${unit.name}` : '新增集体'}
      onCancel={() => onClose()}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={saving}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}
      >
        <Form.Item
          label="集体名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写集体名称' },
            { max: 100, message: '集体名称过长' },
          ]}
          style={{ gridColumn: '1 / span 2' }}
        >
          <Input autoFocus placeholder="如：柳州市人民医院急诊科" />
        </Form.Item>
        <Form.Item label="所属系统" name="sectorId">
          <Select
            allowClear
            placeholder="选择系统"
            options={sectors
              .filter((s) => !s.hidden || s.id === unit?.sectorId)
              .map((s) => ({ value: s.id, label: s.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label="级别" name="level">
          <Select
            allowClear
            placeholder="选择级别"
            options={['全国', '省级', '市级', '县区级'].map((v) => ({ value: v, label: v }))}
          />
        </Form.Item>
        <Form.Item
          label="命名年份"
          name="yearNamed"
          rules={[{ type: 'number', min: 1980, max: new Date().getFullYear() + 1, message: '请填写有效年份' }]}
        >
          <NumberField style={{ width: '100%' }} placeholder="如：2019" precision={0} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Radio.Group optionType="button" options={UNIT_STATUSES.map((v) => ({ value: v, label: UNIT_STATUS[v] }))} />
        </Form.Item>
        <Form.Item label="联系人" name="contact">
          <Input placeholder="姓名" />
        </Form.Item>
        <Form.Item
          label="联系电话"
          name="phone"
          rules={[{ pattern: PHONE, message: '联系电话格式不正确（手机 11 位，座机如 0772-2827423）' }]}
        >
          <Input placeholder="手机或座机，多个用顿号分隔" />
        </Form.Item>
        <Form.Item
          label="电子邮箱"
          name="email"
          rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}
          style={{ gridColumn: '1 / span 2' }}
        >
          <Input placeholder="收件时用来识别发件单位" />
        </Form.Item>
        <Form.Item
          label="别名"
          name="aliases"
          tooltip="该集体的其他叫法（简称、曾用名），收件时用于自动匹配"
          style={{ gridColumn: '1 / span 2' }}
        >
          <Select
            mode="tags"
            tokenSeparators={['；', ';', '、', ',', '，']}
            placeholder="输入后回车，可添加多个"
            open={false}
          />
        </Form.Item>
        <Form.Item label="备注" name="notes" style={{ gridColumn: '1 / span 2' }}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
