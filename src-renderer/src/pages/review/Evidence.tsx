import { Alert, Button, Empty, Image, Space, Spin, Typography } from 'antd';
import { App } from 'antd';
import { fileUrl, openStoredFile, DeskCallError, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { PhotoTile } from '../../components/PhotoTile';
import { SummaryHtml } from '../../components/SummaryHtml';
import { Badges, useEvidenceChecks } from './Badges';
import { FILE_KIND } from '../../../../src-main/common/fileKinds';
import { useEffect, useRef } from 'react';
import { clearPassage, showPassage } from '../../components/showPassage';

type Submission = OpOutput<'submissions.get'>;
type File_ = Submission['files'][number];

type Shown = { text: string; at: number } | null;

function SummaryPreview({ file, shown }: { file: File_; shown: Shown }) {
  // A preview is of a stored file by its hash: it never changes, so a cached one is not asked again.
  const preview = useOp('files.preview', { sha256: file.sha256 }, [], { immutable: true, exact: true });
  const { message } = App.useApp();
  const open = () =>
    openStoredFile(file.sha256).catch((e: unknown) =>
      message.error(e instanceof DeskCallError ? e.message : '无法打开'),
    );
  const p = preview.data;
  const text = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (!shown) return clearPassage();
    if (p?.kind === 'text' && text.current) showPassage(text.current, shown.text);
    // The PDF viewer is another document: it cannot be marked from here, but it can be searched.
    if (p?.kind === 'pdf') message.info(`PDF 中请按 Ctrl+F 查找：“${shown.text.slice(0, 12)}”`);
  }, [shown, p, message]);
  return (
    <div
      className="desk-card"
      style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0, flex: 1 }}
    >
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>工作总结：{file.name}</Typography.Text>
        <Button size="small" onClick={() => void open()}>
          打开
        </Button>
      </Space>
      {!p && <Spin />}
      {p?.kind === 'html' && <SummaryHtml html={p.html} label={FILE_KIND.summary} shown={shown} />}
      {p?.kind === 'text' && p.fromWord && (
        <Typography.Text className="desk-muted">
          只显示文字（.doc / .wps 的排版和图片未保留，要看原样请点“打开”）
        </Typography.Text>
      )}
      {p?.kind === 'text' && p.large && (
        <Typography.Text className="desk-muted">
          文档过大，无法按原排版显示，这里只显示文字（要看原样请点“打开”）
        </Typography.Text>
      )}
      {p?.kind === 'text' && (
        <pre
          ref={text}
          className="desk-summary-text"
          data-testid="summary-text"
          style={{
            whiteSpace: 'pre-wrap',
            flex: 1,
            overflow: 'auto',
            margin: 0,
            fontFamily: 'inherit',
            lineHeight: 1.8,
          }}
        >
          {p.text}
          {p.truncated ? '\n……（内容过长，只显示开头部分）' : ''}
        </pre>
      )}
      {/* FitH: the viewer fits the page to the pane's width rather than opening at 100 % in a corner of it. */}
      {p?.kind === 'pdf' && (
        <iframe
          title={FILE_KIND.summary}
          src={`${fileUrl(file.sha256)}#view=FitH`}
          style={{ border: 0, flex: 1, minHeight: 420, width: '100%', alignSelf: 'stretch' }}
        />
      )}
      {p?.kind === 'none' && <Alert type="info" showIcon title={p.message} />}
    </div>
  );
}

/** The evidence beside the form: the work summary rendered inline, the photos as a zoomable gallery. */
export function Evidence({
  submissionId,
  summarySha,
  shown = null,
}: {
  submissionId: number;
  /** The summary the 评审助手 read (the first readable one): shown rather than an unreadable first. */
  summarySha?: string;
  shown?: Shown;
}) {
  const checks = useEvidenceChecks(submissionId);
  const submission = useOp('submissions.get', { id: submissionId }, ['submissions'], { exact: true });
  const s = submission.data;
  if (!s) return <Spin />;
  const summaries = s.files.filter((f) => f.kind === 'summary');
  const photos = s.files.filter((f) => f.kind === 'photo');
  const others = s.files.filter((f) => f.kind === 'other');
  const dates = checks?.photoDates ?? {};
  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', gap: 12, height: '100%', minHeight: 0 }}
      data-testid="evidence"
    >
      <Badges checks={checks} />
      {summaries.length ? (
        [summaries.find((f) => f.sha256 === summarySha) ?? summaries[0]!].map((f) => (
          <SummaryPreview key="summary" file={f} shown={shown} />
        ))
      ) : (
        <Alert type="warning" showIcon title="没有收到工作总结" />
      )}
      <div className="desk-card" style={{ padding: 12 }}>
        <Typography.Text strong>活动照片（{photos.length} 张，点击放大）</Typography.Text>
        {photos.length ? (
          <Image.PreviewGroup>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
              {/* By place, not by file: the next submission's photos reuse these tiles. */}
              {photos.map((p, place) => (
                <div key={place} style={{ width: 120 }}>
                  <PhotoTile file={p} width={120} height={90} />
                  <div className="desk-muted" style={{ fontSize: 11 }}>
                    {p.fromSupplement ? '补充 · ' : ''}
                    {dates[p.sha256] ? `拍摄于 ${dates[p.sha256]!.slice(0, 10)}` : '无拍摄时间'}
                  </div>
                </div>
              ))}
            </div>
          </Image.PreviewGroup>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有照片" />
        )}
      </div>
      {others.length > 0 && (
        <Typography.Text className="desk-muted">
          其他文件：{others.map((o) => `${o.name}${o.fromSupplement ? '（补充）' : ''}`).join('、')}
        </Typography.Text>
      )}
    </div>
  );
}
