import { App, Button, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { UNIT_STATUS, UNIT_STATUSES, type UnitStatus } from '../../../../src-main/common/statuses';
import { desk, DeskCallError } from '../../api/client';
import { DateField } from '../../components/DateField';
import { STAR_LEVEL } from '../../../../src-main/common/standing';

type StandingKind = 'status' | 'star';
export interface StandingRequest {
  kind: StandingKind;
  units: Array<{ id: number; name: string }>;
  /** What the dialog proposes (撤销 from 建议撤销, 三星 from 建议调整星级). */
  status?: UnitStatus;
  star?: number | null;
}

const STARS = [
  { value: 1, label: STAR_LEVEL[1] },
  { value: 2, label: STAR_LEVEL[2] },
  { value: 3, label: STAR_LEVEL[3] },
  { value: 0, label: '未定星级' },
];

/**
 * 暂停 / 撤销 / 恢复在册 and 调整星级, each with a reason (and a date for a status), then a
 * notice with 撤销 that takes exactly that step back. One dialog for the list, the unit page
 * and the roster.
 */
export function useStandingAction(): { open: (request: StandingRequest) => void; dialog: React.ReactNode } {
  const { notification, message } = App.useApp();
  const [request, setRequest] = useState<StandingRequest | null>(null);
  const [form] = Form.useForm<{ status: UnitStatus; star: number; reason: string; effectiveOn: Dayjs | null }>();

  const open = useCallback(
    (r: StandingRequest) => {
      form.resetFields();
      form.setFieldsValue({ status: r.status ?? 'suspended', star: r.star ?? 0, reason: '', effectiveOn: null });
      setRequest(r);
    },
    [form],
  );

  const undo = async (kind: StandingKind, historyIds: number[], key: string) => {
    notification.destroy(key);
    try {
      const r =
        kind === 'status' ? await desk.units.undoStatus({ historyIds }) : await desk.units.undoStar({ historyIds });
      message.success(
        `已撤销：${r.changed.map((c) => `“${c.name}”恢复为${kind === 'status' ? UNIT_STATUS[c.now as UnitStatus] : c.now}`).join('、')}`,
      );
    } catch (error) {
      message.error(error instanceof DeskCallError ? error.message : '撤销失败');
    }
  };

  const submit = async () => {
    if (!request) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const unitIds = request.units.map((u) => u.id);
    try {
      const r =
        request.kind === 'status'
          ? await desk.units.setStatus({
              unitIds,
              status: v.status,
              reason: v.reason,
              effectiveOn: v.effectiveOn ? v.effectiveOn.format('YYYY-MM-DD') : undefined,
            })
          : await desk.units.setStar({ unitIds, star: v.star || null, reason: v.reason });
      setRequest(null);
      const key = `standing-${Date.now()}`;
      const kind = request.kind;
      notification.open({
        key,
        type: 'success',
        title:
          r.changed.length === 1
            ? `“${r.changed[0]!.name}”已改为${kind === 'status' ? UNIT_STATUS[r.changed[0]!.now as UnitStatus] : r.changed[0]!.now}`
            : `已调整 ${r.changed.length} 个集体`,
        description: '已写入各集体的动态记录和操作记录。',
        duration: 12,
        actions: (
          <Button
            size="small"
            type="primary"
            onClick={() =>
              void undo(
                kind,
                r.changed.map((c) => c.historyId),
                key,
              )
            }
            data-testid="undo-standing"
          >
            撤销
          </Button>
        ),
      });
    } catch (error) {
      message.error(error instanceof DeskCallError ? error.message : '操作失败，请重试');
    }
  };

  const names = request?.units.map((u) => u.name) ?? [];
  const dialog = (
    <Modal
      open={!!request}
      title={request?.kind === 'star' ? '调整星级' : '调整状态'}
      okText="确定"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={() => setRequest(null)}
      destroyOnHidden
    >
      <p>
        {names
          .slice(0, 3)
          .map((n) => `“${n}”`)
          .join('、')}
        {names.length > 3 ? ` 等 ${names.length} 个集体` : ''}
      </p>
      <Form form={form} layout="vertical" preserve={false}>
        {request?.kind === 'star' ? (
          <Form.Item label="星级" name="star">
            <Select options={STARS} aria-label="星级" />
          </Form.Item>
        ) : (
          <>
            <Form.Item label="状态" name="status">
              <Select options={UNIT_STATUSES.map((s) => ({ value: s, label: UNIT_STATUS[s] }))} aria-label="状态" />
            </Form.Item>
            <Form.Item label="生效日期（组委会决定的日期；不填为今天）" name="effectiveOn">
              <DateField style={{ width: 200 }} aria-label="生效日期" />
            </Form.Item>
          </>
        )}
        <Form.Item
          label="理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请写明理由' },
            { min: 2, message: '理由至少两个字' },
            { max: 500, message: '理由最多 500 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：连续两年未报送材料，经组委会研究予以警告" aria-label="理由" />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { open, dialog };
}
