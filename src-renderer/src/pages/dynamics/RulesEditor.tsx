import { Button, Collapse, Form, Input, Switch } from 'antd';
import { useEffect } from 'react';
import type { OpOutput } from '../../api/client';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { NumberField } from '../../components/NumberField';
import { useAction } from '../../util/useAction';

type Rules = OpOutput<'dynamics.rules'>;

const ROWS: Array<{ key: keyof Rules; label: string; years?: boolean; verdict?: boolean; then: string }> = [
  { key: 'missing', label: '连续未报送', years: true, then: '→ 警告提醒' },
  { key: 'late', label: '连续逾期报送', years: true, then: '→ 警告提醒' },
  { key: 'failed', label: '连续定级为', years: true, verdict: true, then: '→ 建议撤销' },
  { key: 'excellent', label: '连续定级为', years: true, verdict: true, then: '→ 建议调整星级（未到三星的）' },
  { key: 'revokedIntake', label: '已撤销称号仍收到材料', then: '→ 不再收件（核实）' },
];

/** The office's rules, as it may tune them: on or off, how many years, which verdict. */
export function RulesEditor() {
  const rules = useOp('dynamics.rules', undefined, ['settings']);
  const [form] = Form.useForm<Rules>();
  const act = useAction();
  useEffect(() => {
    if (rules.data && !form.isFieldsTouched()) form.setFieldsValue(rules.data);
  }, [rules.data, form]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) await act(() => desk.dynamics.setRules(v), '已保存规则，名单已按新规则重新检查');
  };
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12 }}
      items={[
        {
          key: 'rules',
          label: '规则',
          children: (
            <Form form={form} layout="inline" style={{ rowGap: 8 }}>
              {ROWS.map((r) => (
                <div key={r.key} style={{ display: 'flex', alignItems: 'center', gap: 8, width: '100%' }}>
                  <Form.Item name={[r.key, 'enabled']} valuePropName="checked" style={{ margin: 0 }}>
                    <Switch size="small" aria-label={`${r.label}规则`} />
                  </Form.Item>
                  {r.years && (
                    <Form.Item name={[r.key, 'years']} style={{ margin: 0 }} rules={[{ required: true }]}>
                      <NumberField
                        min={2}
                        max={5}
                        precision={0}
                        addonAfter="年"
                        style={{ width: 100 }}
                        aria-label={`${r.label}年数`}
                      />
                    </Form.Item>
                  )}
                  <span>{r.label}</span>
                  {r.verdict && (
                    <Form.Item
                      name={[r.key, 'verdict']}
                      style={{ margin: 0 }}
                      rules={[{ required: true, whitespace: true, message: '请填写等次' }]}
                    >
                      <Input style={{ width: 90 }} aria-label={`${r.key}等次`} />
                    </Form.Item>
                  )}
                  <span className="desk-muted">{r.then}</span>
                </div>
              ))}
              <Button type="primary" onClick={() => void save()} style={{ marginTop: 8 }}>
                保存规则
              </Button>
            </Form>
          ),
        },
      ]}
    />
  );
}
