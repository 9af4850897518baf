import { Button, Input, Modal, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

type Situation = 'missing' | 'incomplete' | 'refused' | 'link';

/** 提醒模板: the office's own words for each situation, with placeholders such as {单位} and {缺少}. */
export function RemindTemplates() {
  const [open, setOpen] = useState(false);
  const current = useOp('remind.templates', {}, ['settings']);
  const [draft, setDraft] = useState<Record<Situation, string> | null>(null);
  const act = useAction();
  useEffect(() => {
    if (open && current.data) setDraft(current.data.templates);
  }, [open, current.data]);
  const data = current.data;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="remind-templates">
        提醒模板
      </Button>
      <Modal
        open={open}
        width={760}
        title="催报提醒模板（本年度）"
        okText="保存"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() =>
          draft &&
          void act(() => desk.remind.setTemplates({ templates: draft }), '已保存提醒模板').then(
            (r) => r && setOpen(false),
          )
        }
      >
        {data && draft && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Tabs
              items={(Object.keys(data.labels) as Situation[]).map((s) => ({
                key: s,
                label: data.labels[s],
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Input.TextArea
                      rows={10}
                      value={draft[s]}
                      onChange={(e) => setDraft({ ...draft, [s]: e.target.value })}
                      aria-label={`${data.labels[s]}的提醒正文`}
                    />
                    <Button size="small" onClick={() => setDraft({ ...draft, [s]: data.defaults[s] })}>
                      恢复默认
                    </Button>
                  </Space>
                ),
              }))}
            />
            <Typography.Text className="desk-muted">
              可用的占位符：
              {Object.entries(data.placeholders).map(([name, meaning]) => (
                <span key={name} style={{ marginRight: 10 }}>
                  {`{${name}}`} {meaning}
                </span>
              ))}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </>
  );
}
