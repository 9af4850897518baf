import { Alert, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { NumberField } from '../../components/NumberField';
import { useEffect, useState } from 'react';
import { desk, type OpInput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

type Account = OpInput<'mail.saveAccount'>;
interface Values extends Omit<Account, 'password'> {
  preset?: string;
  password?: string;
}

/** 设置 → 邮箱: the office mailbox intake reads over IMAP; the 授权码 goes to the secrets store. */
export function MailAccount() {
  const presets = useOp('mail.presets', undefined, []);
  const account = useOp('mail.account', undefined, ['settings']);
  const [form] = Form.useForm<Values>();
  const act = useAction();
  const [folders, setFolders] = useState<string[]>([]);
  const [tested, setTested] = useState<string | null>(null);
  const preset = Form.useWatch('preset', form);
  const help = presets.data?.find((p) => p.id === preset)?.passwordHelp;

  useEffect(() => {
    if (!account.data || form.isFieldsTouched()) return;
    const a = account.data;
    const known = presets.data?.find((p) => p.host === a.host);
    form.setFieldsValue({
      host: a.host,
      port: a.port,
      tls: a.tls,
      user: a.user,
      folders: a.folders,
      timeoutSeconds: a.timeoutSeconds,
      preset: known?.id,
      smtp: a.smtp ?? known?.smtp,
    });
  }, [account.data, presets.data, form]);

  const choosePreset = (id: string) => {
    const p = presets.data?.find((x) => x.id === id);
    if (p) form.setFieldsValue({ host: p.host, port: p.port, tls: p.tls, smtp: p.smtp });
  };

  const values = async () => {
    const checked = await form.validateFields().catch(() => null);
    if (!checked) return null;
    const { preset: _preset, password, smtp, ...rest } = checked;
    return {
      ...rest,
      folders: rest.folders?.length ? rest.folders : ['INBOX'],
      password: password || undefined,
      smtp: smtp?.host ? smtp : undefined,
    };
  };

  const save = async () => {
    const v = await values();
    if (!v) return;
    await act(() => desk.mail.saveAccount(v), '已保存邮箱设置');
    form.setFieldValue('password', '');
  };

  const test = async () => {
    const v = await values();
    if (!v) return;
    const { password, ...account_ } = v;
    setTested(null);
    const list = await act(() => desk.mail.folders({ account: account_, password }), undefined, '连接失败');
    if (list) {
      setFolders(list.map((f) => f.path));
      setTested(`连接成功，共 ${list.length} 个文件夹。`);
    }
  };

  return (
    <Card>
      <Typography.Paragraph className="desk-muted">
        各单位把材料发到办公室邮箱后，在“收件”页点“从邮箱收取”即可把带附件的邮件逐封收进来。程序只读取邮件，不会删除、移动或标记服务器上的任何邮件。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ tls: 'on', port: 993, folders: ['INBOX'], timeoutSeconds: 30 }}
        style={{ maxWidth: 720 }}
        data-testid="mail-account"
      >
        <Form.Item label="邮箱类型" name="preset">
          <Select
            placeholder="选择常用邮箱自动填写服务器"
            allowClear
            onChange={choosePreset}
            options={(presets.data ?? []).map((p) => ({ value: p.id, label: p.label }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            label="IMAP 服务器"
            name="host"
            rules={[{ required: true, message: '请填写服务器地址' }]}
            style={{ flex: 3 }}
          >
            <Input placeholder="imap.163.com" />
          </Form.Item>
          <Form.Item label="端口" name="port" rules={[{ required: true }]} style={{ flex: 1 }}>
            <NumberField min={1} max={65535} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item label="加密方式" name="tls">
          <Radio.Group
            options={[
              { value: 'on', label: 'SSL/TLS（993）' },
              { value: 'starttls', label: 'STARTTLS（143）' },
              { value: 'off', label: '不加密' },
            ]}
          />
        </Form.Item>
        <Form.Item label="邮箱地址" name="user" rules={[{ required: true, message: '请填写邮箱地址' }]}>
          <Input placeholder="tuanshiwei@163.com" autoComplete="username" />
        </Form.Item>
        <Form.Item
          label="授权码"
          name="password"
          extra={
            help ??
            '163、126、QQ 和腾讯企业邮箱须用“授权码”（客户端专用密码）登录，不是网页登录密码。选择上面的邮箱类型可看到在哪里生成。'
          }
        >
          <Input.Password
            placeholder={
              account.data?.hasPassword ? '已保存（不显示）；要更换请重新填写' : '在邮箱网页版设置中生成的授权码'
            }
            autoComplete="new-password"
          />
        </Form.Item>
        <Form.Item
          label="读取的文件夹"
          name="folders"
          extra="默认只读收件箱（INBOX）。点“测试连接”后可从服务器上的文件夹中选择。"
        >
          <Select mode="tags" options={folders.map((f) => ({ value: f, label: f }))} placeholder="INBOX" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            label="发信服务器（SMTP，催报提醒用）"
            name={['smtp', 'host']}
            style={{ flex: 3 }}
            extra="选择邮箱类型会自动填写；不填则用收信服务器对应的 smtp 地址。"
          >
            <Input placeholder="smtp.163.com" aria-label="发信服务器" />
          </Form.Item>
          <Form.Item label="发信端口" name={['smtp', 'port']} style={{ flex: 1 }}>
            <NumberField min={1} max={65535} precision={0} style={{ width: '100%' }} aria-label="发信端口" />
          </Form.Item>
        </Space.Compact>
        <Form.Item label="发信加密方式" name={['smtp', 'tls']}>
          <Radio.Group
            options={[
              { value: 'on', label: 'SSL/TLS（465）' },
              { value: 'starttls', label: 'STARTTLS（587）' },
              { value: 'off', label: '不加密' },
            ]}
          />
        </Form.Item>
        <Form.Item
          label="响应超时"
          name="timeoutSeconds"
          rules={[{ required: true, message: '请填写超时秒数' }]}
          extra="服务器这么久没有回应就停止收取并提示；网络慢时可调大。已收下的邮件不受影响。"
        >
          <NumberField min={3} max={600} precision={0} addonAfter="秒" style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {tested && <Alert type="success" showIcon title={tested} style={{ marginBottom: 12, maxWidth: 720 }} />}
      <Space>
        <Button type="primary" onClick={() => void save()}>
          保存
        </Button>
        <Button onClick={() => void test()}>测试连接</Button>
        <Button
          disabled={!account.data?.hasPassword}
          data-testid="mail-test-send"
          onClick={() =>
            void act(
              () => desk.remind.testSend({}),
              (r) => `测试邮件已发到 ${r.to}（服务器答复：${r.reply}），请到收件箱查看`,
            )
          }
        >
          发一封测试邮件
        </Button>
      </Space>
    </Card>
  );
}
