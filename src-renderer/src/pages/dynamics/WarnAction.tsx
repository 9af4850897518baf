import { App, Button, Form, Input, Modal } from 'antd';
import { useCallback, useState } from 'react';
import { desk, DeskCallError, saveArtifact } from '../../api/client';

export interface WarnRequest {
  units: Array<{ id: number; name: string }>;
  /** What the rules found, proposed as the reason (连续 2 年未报送：2021 未报送、2022 未报送). */
  reason: string;
}

/**
 * 发提醒 (警告提醒) from 动态管理: the reason, editable, then one .eml draft per unit in a ZIP for
 * the mail client, recorded on each unit; the notice's 撤回 takes the record back if the mails
 * are not sent after all. Units without an e-mail address are named, to be telephoned.
 */
export function useWarnAction(): { open: (request: WarnRequest) => void; dialog: React.ReactNode } {
  const { notification, message } = App.useApp();
  const [request, setRequest] = useState<WarnRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const open = useCallback(
    (r: WarnRequest) => {
      form.setFieldsValue({ reason: r.reason });
      setRequest(r);
    },
    [form],
  );

  const withdraw = async (reminderIds: number[], key: string) => {
    notification.destroy(key);
    try {
      const r = await desk.dynamics.withdrawWarnings({ reminderIds });
      message.success(`已撤回 ${r.withdrawn} 封警告提醒的记录`);
    } catch (error) {
      message.error(error instanceof DeskCallError ? error.message : '撤回失败');
    }
  };

  const submit = async () => {
    if (!request) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await desk.dynamics.warn({ unitIds: request.units.map((u) => u.id), reason: v.reason });
      setRequest(null);
      const saved = await saveArtifact(r.artifact);
      const key = `warn-${Date.now()}`;
      notification.open({
        key,
        type: 'success',
        title: `已生成 ${r.drafts} 封警告提醒邮件${saved ? '' : '（未保存文件）'}`,
        description: (
          <>
            用邮件程序打开压缩包中的 .eml 文件即可发送；已记入各集体的动态记录。
            {r.noAddress.length > 0 && (
              <div style={{ color: '#b45309' }}>
                没有登记邮箱、需电话联系：
                {r.noAddress.map((u) => `${u.unitName}${u.phone ? `（${u.phone}）` : ''}`).join('、')}
              </div>
            )}
          </>
        ),
        duration: 15,
        actions: (
          <Button size="small" onClick={() => void withdraw(r.reminderIds, key)} data-testid="withdraw-warning">
            撤回记录
          </Button>
        ),
      });
    } catch (error) {
      message.error(error instanceof DeskCallError ? error.message : '生成失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const dialog = (
    <Modal
      open={!!request}
      title={
        request &&
        (request.units.length === 1
          ? `向“${request.units[0]!.name}”发警告提醒`
          : `向 ${request.units.length} 个集体发警告提醒`)
      }
      okText="生成提醒邮件"
      cancelText="取消"
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={() => setRequest(null)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="提醒理由（写入邮件和动态记录）"
          rules={[{ required: true, min: 2, message: '请写明提醒的理由' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount aria-label="提醒理由" />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { open, dialog };
}
