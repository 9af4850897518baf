import { Button, Input, Popover, Select, Space } from 'antd';
import { memo, useState } from 'react';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

/** Who is reviewing on this machine; remembered between sessions. */
// Memoised: the page redraws on every J, the picker need not.
export const ReviewerPicker = memo(function ReviewerPicker({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (id: number) => void;
}) {
  const reviewers = useOp('reviewers.list', undefined, ['reviews']);
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);
  const act = useAction();
  const add = async () => {
    const created = await act(
      () => desk.reviewers.create({ name }),
      (r) => `已添加评审人“${r.name}”`,
    );
    if (created) {
      onChange(created.id);
      setName('');
      setOpen(false);
    }
  };
  return (
    <Space>
      <span>评审人</span>
      <Select
        style={{ width: 160 }}
        placeholder="选择评审人"
        value={value ?? undefined}
        onChange={onChange}
        options={(reviewers.data ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }))}
        aria-label="评审人"
      />
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        content={
          <Space.Compact>
            <Input
              autoFocus
              placeholder="姓名"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onPressEnter={() => void add()}
              aria-label="新评审人姓名"
            />
            <Button type="primary" onClick={() => void add()} disabled={!name.trim()}>
              添加
            </Button>
          </Space.Compact>
        }
      >
        <Button>新增评审人</Button>
      </Popover>
    </Space>
  );
});
