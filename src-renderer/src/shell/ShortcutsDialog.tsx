import { Modal, Space, Switch, Table, Typography } from 'antd';
import { desk } from '../api/client';
import { useOp } from '../api/useOp';
import { useAction } from '../util/useAction';

const YN_ROW = 'yn';

const SHORTCUTS: Array<{ keys: string[]; where: string; what: string }> = [
  { keys: ['?'], where: '任意页面', what: '显示本帮助' },
  { keys: ['F1'], where: '任意页面', what: '打开使用说明' },
  {
    keys: ['Ctrl', 'K'],
    where: '任意页面',
    what: '查找：集体（名称、拼音首字母）、本年度材料、评审人、工作总结中的文字',
  },
  { keys: ['Alt', '1–8'], where: '任意页面', what: '切换到左侧菜单的第 1–8 个页面（概览 … 设置）' },
  { keys: ['/'], where: '集体名册', what: '聚焦搜索框（也可用 Ctrl+F）' },
  { keys: ['↑', '↓'], where: '集体名册', what: '在表格中上下移动' },
  { keys: ['Enter'], where: '集体名册', what: '编辑当前行' },
  { keys: ['空格'], where: '集体名册', what: '选中 / 取消选中当前行' },
  { keys: ['Alt', 'N'], where: '集体名册', what: '新增集体' },
  { keys: ['Delete'], where: '集体名册', what: '删除所选集体' },
  { keys: ['Ctrl', 'Z'], where: '集体名册', what: '撤销刚才的删除' },
  { keys: ['Ctrl', 'Enter'], where: '集体表单', what: '保存' },
  { keys: ['Esc'], where: '对话框', what: '关闭' },
  { keys: ['Ctrl', 'S'], where: '年度工作编辑 / 评审', what: '保存' },
  { keys: ['J', 'K'], where: '评审', what: '下一份 / 上一份材料（也可用 PageDown / PageUp）' },
  { keys: ['↑', '↓'], where: '评审', what: '上一项 / 下一项' },
  { keys: ['Y', 'N'], where: '评审', what: YN_ROW },
  { keys: ['空格'], where: '评审', what: '切换当前项' },
  { keys: ['0–9'], where: '评审', what: '计数或评分项：直接输入数字' },
  { keys: ['E'], where: '评审', what: '在工作总结中依次标出当前项的相关句子（评审助手）' },
  { keys: ['A'], where: '评审', what: '计数项：采用评审助手读出的次数' },
  { keys: ['C'], where: '评审', what: '跳到总体评语' },
  { keys: ['Esc'], where: '评审', what: '离开输入框，回到逐项操作' },
  { keys: ['Ctrl', 'Enter'], where: '评审', what: '提交评审并进入下一份' },
  { keys: ['Ctrl', 'I'], where: '桌面版', what: '导入名册（菜单：文件）' },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const preferences = useOp('reviews.preferences', undefined, ['settings']);
  const advance = preferences.data?.advanceOnAnswer ?? true;
  const act = useAction();
  const ynText = `当前项：已开展 / 未开展（否决项：触发 / 不触发）${advance ? '，并跳到下一项' : '，停在本项（用 ↓ 到下一项）'}`;
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="键盘快捷键" width={600}>
      <Space style={{ marginBottom: 8 }}>
        <Switch
          size="small"
          checked={advance}
          loading={preferences.loading && !preferences.data}
          onChange={(on) =>
            void act(
              () => desk.reviews.setPreferences({ advanceOnAnswer: on }),
              on ? '按 Y / N 后跳到下一项' : '按 Y / N 后停在本项',
            )
          }
          aria-label="按 Y / N 后自动跳到下一项"
        />
        <Typography.Text>评审时按 Y / N 后自动跳到下一项</Typography.Text>
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.where}-${r.what}`}
        dataSource={SHORTCUTS}
        columns={[
          {
            title: '按键',
            width: 150,
            render: (_v, r) =>
              r.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' + '}
                  <kbd className="desk-kbd">{k}</kbd>
                </span>
              )),
          },
          { title: '位置', dataIndex: 'where', width: 120 },
          {
            title: '作用',
            dataIndex: 'what',
            render: (what: string) => (what === YN_ROW ? <span data-testid="shortcut-yn">{ynText}</span> : what),
          },
        ]}
      />
    </Modal>
  );
}
