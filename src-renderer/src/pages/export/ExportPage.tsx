import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Typography } from 'antd';
import { useState } from 'react';
import { desk, startDownload } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

/** 导出: what the office hands upward at year end. */
export function ExportPage() {
  const campaign = useOp('campaigns.current', undefined, ['campaigns']);
  const act = useAction();
  const [busy, setBusy] = useState(false);
  const exportStats = async () => {
    setBusy(true);
    const result = await act(() => desk.export.stats({}), (r) => `已生成统计表：${r.units} 个集体，已报送 ${r.submitted} 个`);
    setBusy(false);
    if (result) startDownload(result.downloadId, result.fileName);
  };
  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>导出</h2>
        <span className="desk-muted">{campaign.data ? `${campaign.data.year}年度工作` : ''}</span>
      </div>
      <Row gutter={16}>
        <Col span={12}>
          <Card title={<span><FileExcelOutlined style={{ color: '#1d6f42' }} /> 年度统计表（Excel）</span>}>
            <Typography.Paragraph>
              一个工作簿包含：<b>汇总</b>（按系统统计集体数、报送、按时、逾期、未报送、齐全、评审、平均分和各等次，含合计行）、<b>明细</b>（每个集体一行，含各检查项结果、各评审人得分、等次、典型做法）、<b>活动开展情况</b>（各检查项按系统的开展数）、<b>未报送名单</b>（含联系人和电话），以及一张不含合并单元格的明细表，便于再加工。
            </Typography.Paragraph>
            <Typography.Paragraph className="desk-muted">A4 横向打印，表头每页重复，页脚有页码；可用 Excel、WPS 打开。</Typography.Paragraph>
            <Button type="primary" loading={busy} onClick={() => void exportStats()} data-testid="export-stats">
              导出统计表
            </Button>
          </Card>
        </Col>
        <Col span={12}>
          <Card title={<span><FilePdfOutlined style={{ color: '#c8102e' }} /> 表彰名单（PDF）</span>}>
            <Typography.Paragraph>按公文格式排版的表彰名单、逐单位评审表、未报送提醒名单和典型做法汇编即将提供。现在可以在“评审 → 汇总与定级”中确定各集体的最终等次。</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
