import { Button, Card, Form, Typography } from 'antd';
import { NumberField } from '../../components/NumberField';
import { useEffect } from 'react';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

interface Values {
  maxTotalMb: number;
  maxEntries: number;
  maxRatio: number;
  ratioFloorMb: number;
  maxDepth: number;
  docPartMb: number;
  docTotalMb: number;
}

const MB = 1024 ** 2;

/** 设置 → 收件限制: what one archive or e-mail may unpack to before it is refused. */
export function IntakeLimits() {
  const limits = useOp('intake.limits', undefined, ['settings']);
  const [form] = Form.useForm<Values>();
  const act = useAction();
  useEffect(() => {
    // A refresh (another window saved) must not overwrite what the user is typing.
    if (!limits.data || form.isFieldsTouched()) return;
    const l = limits.data;
    form.setFieldsValue({
      maxTotalMb: Math.round(l.maxTotalBytes / MB),
      maxEntries: l.maxEntries,
      maxRatio: l.maxRatio,
      ratioFloorMb: Math.round(l.ratioFloorBytes / MB),
      maxDepth: l.maxDepth,
      docPartMb: Math.round(l.maxDocumentPartBytes / MB),
      docTotalMb: Math.round(l.maxDocumentTotalBytes / MB),
    });
  }, [limits.data, form]);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await act(
      () =>
        desk.intake.setLimits({
          maxTotalBytes: v.maxTotalMb * MB,
          maxEntries: v.maxEntries,
          maxRatio: v.maxRatio,
          ratioFloorBytes: v.ratioFloorMb * MB,
          maxDepth: v.maxDepth,
          maxDocumentPartBytes: v.docPartMb * MB,
          maxDocumentTotalBytes: v.docTotalMb * MB,
        }),
      '已保存收件限制',
    );
  };

  return (
    <Card>
      <Typography.Paragraph className="desk-muted">
        超过这些限制的压缩包或邮件会被拒收并说明原因，用来挡住压缩炸弹和异常大的文件。默认值适合“1 份总结 + 3–5
        张照片”的常见材料。
      </Typography.Paragraph>
      {/* Until the saved limits arrive the form stays hidden: typing into it early would be overwritten by them. */}
      <Form
        form={form}
        layout="vertical"
        style={{
          display: limits.data ? 'grid' : 'none',
          gridTemplateColumns: 'repeat(3, 1fr)',
          columnGap: 24,
          maxWidth: 900,
        }}
      >
        <Form.Item label="单份材料解压后上限" name="maxTotalMb" rules={[{ required: true }]}>
          <NumberField min={1} max={65536} precision={0} addonAfter="MB" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="单份材料文件数上限" name="maxEntries" rules={[{ required: true }]}>
          <NumberField min={10} max={1_000_000} precision={0} addonAfter="个" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="压缩包嵌套层数上限" name="maxDepth" rules={[{ required: true }]}>
          <NumberField min={1} max={5} precision={0} addonAfter="层" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="压缩比上限" name="maxRatio" rules={[{ required: true }]}>
          <NumberField min={10} max={100000} precision={0} addonBefore="1 :" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="解压超过多少后开始检查压缩比" name="ratioFloorMb" rules={[{ required: true }]}>
          <NumberField min={1} max={65536} precision={0} addonAfter="MB" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="文档单个部件解压后上限"
          name="docPartMb"
          rules={[{ required: true }]}
          tooltip="Word、Excel、WPS 文档本身也是压缩包；超过上限或压缩比超过上面的上限（部件大于 8 MB 时）即按恶意文档拒收"
        >
          <NumberField min={1} max={1024} precision={0} addonAfter="MB" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="文档解压后合计上限" name="docTotalMb" rules={[{ required: true }]}>
          <NumberField min={1} max={4096} precision={0} addonAfter="MB" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      <Button type="primary" disabled={!limits.data} onClick={() => void save()}>
        保存
      </Button>
    </Card>
  );
}
