import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, List, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { desk, fileRefOf, type FileRef, type OpOutput } from '../../api/client';
import { useAction } from '../../util/useAction';
import { YEAR_OUTCOME } from '../../../../src-main/common/standing';
import { TIMING } from '../../../../src-main/common/statuses';

type Plan = OpOutput<'units.importHistory'>;

/**
 * 导入往年情况: the office's sheet of past years (年度、集体名称、报送情况、得分、等次、是否表彰), previewed
 * — each year's counts, the names the roster does not know, the rows not understood — then imported
 * as history years, so the rules read real years instead of taking the app's first year as all there is.
 */
export function PastYearsImport() {
  const act = useAction();
  const [ref, setRef] = useState<FileRef | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const pick = async (file: File) => {
    const picked = await act(() => fileRefOf(file), undefined, '无法读取该文件');
    if (!picked) return;
    const preview = await act(() => desk.units.importHistory({ file: picked, apply: false }));
    if (!preview) return;
    setRef(picked);
    setPlan(preview);
  };
  const apply = () =>
    ref &&
    void act(
      () => desk.units.importHistory({ file: ref, apply: true }),
      (r) => `已导入往年情况：${r.years.map((y) => `${y.year}年度 ${y.rows} 个集体`).join('、')}`,
    ).then((r) => r && setPlan(null));
  return (
    <>
      <Upload
        accept=".xlsx,.xls,.et,.ods,.csv,.txt"
        showUploadList={false}
        beforeUpload={(file) => (void pick(file), false)}
      >
        <Button icon={<HistoryOutlined />} data-testid="import-history">
          导入往年情况
        </Button>
      </Upload>
      <Modal
        open={plan !== null}
        width={760}
        title="导入往年情况（预览）"
        okText="导入"
        cancelText="取消"
        onCancel={() => setPlan(null)}
        onOk={apply}
        okButtonProps={{ disabled: !plan?.rows.length }}
      >
        {plan && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="history-preview">
            <Typography.Text className="desk-muted">
              每个年度成为一条往年记录（没有的年度会新建，不会设为当前）；已有该年度材料的集体不覆盖。
            </Typography.Text>
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              dataSource={plan.years}
              columns={[
                {
                  title: '年度',
                  dataIndex: 'year',
                  render: (y: number, r) => `${y}年度${r.campaign === 'new' ? '（新建）' : ''}`,
                },
                { title: '集体', dataIndex: 'rows' },
                { title: TIMING.onTime, dataIndex: 'onTime' },
                { title: TIMING.late, dataIndex: 'late' },
                { title: YEAR_OUTCOME.missing, dataIndex: 'missing' },
                { title: YEAR_OUTCOME.refused, dataIndex: 'refused' },
                { title: '表彰', dataIndex: 'honored' },
              ]}
            />
            {plan.unmatched.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={`名册中找不到 ${plan.unmatched.length} 个集体（不导入；可先在名册中添加或补充别名后再导入）`}
                description={
                  <List
                    size="small"
                    dataSource={plan.unmatched}
                    renderItem={(u) => (
                      <List.Item>
                        第 {u.row} 行：{u.name}
                      </List.Item>
                    )}
                  />
                }
              />
            )}
            {plan.bad.length > 0 && (
              <Alert
                type="error"
                showIcon
                title={`${plan.bad.length} 行看不懂（不导入）`}
                description={
                  <List
                    size="small"
                    dataSource={plan.bad}
                    renderItem={(b) => (
                      <List.Item>
                        第 {b.row} 行：{b.reason}
                      </List.Item>
                    )}
                  />
                }
              />
            )}
            {plan.kept.length > 0 && (
              <Typography.Text className="desk-muted">
                {plan.kept.length} 行对应的集体在该年度已有记录，保持不变。
              </Typography.Text>
            )}
          </Space>
        )}
      </Modal>
    </>
  );
}
