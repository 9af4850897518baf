import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Col, Progress, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { desk, onDeskEvent } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction, useExport } from '../../util/useAction';
import { HonorsPanel } from './HonorsPanel';

/** 导出: what the office hands upward at year end. */
export function ExportPage() {
  const campaign = useOp('campaigns.current', undefined, ['campaigns']);
  const act = useAction();
  const exportDoc = useExport();
  const [busy, setBusy] = useState(false);
  const exportStats = async () => {
    setBusy(true);
    await exportDoc(
      () => desk.export.stats({}),
      (r) => `已生成统计表：${r.units} 个集体，已报送 ${r.submitted} 个`,
    );
    setBusy(false);
  };
  const exportMissing = (format: 'pdf' | 'docx') =>
    exportDoc(
      () => desk.export.missing({ format }),
      (r) => `未报送集体 ${r.missing} 个：${r.artifact.fileName}`,
    );
  const exportPractices = (format: 'pdf' | 'docx') =>
    exportDoc(
      () => desk.export.practices({ format }),
      (r) => `典型做法 ${r.practices} 个：${r.artifact.fileName}`,
    );
  const [sheets, setSheets] = useState<{ done: number; total: number; message: string } | null>(null);
  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'progress' && event.operation === 'export.reviewSheets')
          setSheets((s) => (s ? { done: event.done, total: event.total, message: event.message } : s));
      }),
    [],
  );
  const exportSheets = async () => {
    setSheets({ done: 0, total: 0, message: '正在准备……' });
    await exportDoc(
      () => desk.export.reviewSheets({}),
      (r) => (r.cancelled ? `已取消：已生成的 ${r.sheets} 份评审表已保存` : `已生成 ${r.sheets} 份评审表`),
    );
    setSheets(null);
  };
  const exportCsv = (kind: 'roster' | 'stats' | 'reviews') =>
    exportDoc(
      () => desk.export.csv({ kind }),
      (r) => `已导出 ${r.rows} 行：${r.artifact.fileName}`,
    );
  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>导出</h2>
        <span className="desk-muted">{campaign.data ? `${campaign.data.year}年度工作` : ''}</span>
      </div>
      <Row gutter={16}>
        <Col span={12}>
          <Card
            title={
              <span>
                <FileExcelOutlined style={{ color: '#1d6f42' }} /> 年度统计表（Excel）
              </span>
            }
          >
            <Typography.Paragraph>
              一个工作簿包含：<b>汇总</b>
              （按系统统计集体数、报送、按时、逾期、未报送、齐全、评审、平均分和各等次，含合计行）、<b>明细</b>
              （每个集体一行，含各检查项结果、各评审人得分、等次、典型做法）、<b>活动开展情况</b>
              （各检查项按系统的开展数）、<b>未报送名单</b>
              （含联系人和电话），以及一张不含合并单元格的明细表，便于再加工。
            </Typography.Paragraph>
            <Typography.Paragraph className="desk-muted">
              A4 横向打印，表头每页重复，页脚有页码；可用 Excel、WPS 打开。
            </Typography.Paragraph>
            <Space wrap>
              <Button type="primary" loading={busy} onClick={() => void exportStats()} data-testid="export-stats">
                导出统计表
              </Button>
              <span className="desk-muted">CSV：</span>
              {(['roster', 'stats', 'reviews'] as const).map((kind) => (
                <Button key={kind} size="small" onClick={() => void exportCsv(kind)} data-testid={`export-csv-${kind}`}>
                  {{ roster: '名册', stats: '统计明细', reviews: '评审记录' }[kind]}
                </Button>
              ))}
            </Space>
          </Card>
        </Col>
        <Col span={12}>
          <Card
            title={
              <span>
                <FilePdfOutlined style={{ color: '#c8102e' }} /> 表彰名单（PDF）
              </span>
            }
          >
            <Typography.Paragraph>
              按 GB/T 9704 公文格式排版：A4、版心 156 × 225
              mm，二号标题、三号黑体系统名、三号正文，各系统内编号，落款与成文日期右对齐，页码“— 1
              —”单页居右、双页居左。字体随软件提供（思源/Noto 宋体、黑体，生僻字自动补字），任何电脑生成的文件都一样。
            </Typography.Paragraph>
            <Typography.Paragraph className="desk-muted">
              先在下方“表彰”中按规则确定名单（可人工调整并写明理由），再导出。典型做法汇编收录评审中标记的集体、说明和照片。“Word
              版”（.docx）同样按公文格式排版，可直接粘贴进红头文件，在 WPS、Word 中打开编辑。
            </Typography.Paragraph>
            <Space wrap>
              <Button onClick={() => void exportMissing('pdf')} data-testid="export-missing">
                导出未报送提醒名单（PDF）
              </Button>
              <Button onClick={() => void exportMissing('docx')} data-testid="export-missing-docx">
                Word 版
              </Button>
              <Button onClick={() => void exportPractices('pdf')} data-testid="export-practices">
                导出典型做法汇编（PDF）
              </Button>
              <Button onClick={() => void exportPractices('docx')} data-testid="export-practices-docx">
                Word 版
              </Button>
              <Button loading={!!sheets} onClick={() => void exportSheets()} data-testid="export-sheets">
                导出逐单位评审表（ZIP）
              </Button>
            </Space>
            {sheets && (
              <div style={{ marginTop: 8 }} data-testid="export-progress">
                <div className="desk-muted">{sheets.message}</div>
                <Space style={{ width: '100%' }}>
                  <Progress
                    percent={sheets.total ? Math.round((sheets.done / sheets.total) * 100) : 0}
                    status="active"
                    style={{ width: 300 }}
                  />
                  <Button size="small" onClick={() => void act(() => desk.jobs.cancel({}))}>
                    取消
                  </Button>
                </Space>
              </div>
            )}
          </Card>
        </Col>
      </Row>
      <HonorsPanel />
    </div>
  );
}
