import { FileOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { NO_READABLE_SUMMARY, nothingReadable } from '../../../../src-main/common/fileKinds';
import { Alert, App, Descriptions, Drawer, List, Select, Space, Tag, Timeline, Typography } from 'antd';
import { desk, fileUrl, openStoredFile, DeskCallError, type OpOutput } from '../../api/client';
import { PhotoTile } from '../../components/PhotoTile';
import { useEffect, useState } from 'react';
import { useOp } from '../../api/useOp';
import { chinaTime, formatBytes, receivedFromLabel } from './labels';
import { ReceivedAtEditor } from './ReceivedAtEditor';
import { FILE_KIND, type FileKind } from '../../../../src-main/common/fileKinds';
import { historyLine } from '../../../../src-main/common/submissionHistory';
import { useAction } from '../../util/useAction';
import { SubmissionCorrections } from './SubmissionCorrections';
import { TakenAs } from './TakenAs';
import { Badges, useEvidenceChecks } from '../review/Badges';
import { COMPLETENESS, labelOf, UNCLAIMED } from '../../../../src-main/common/statuses';
import { TimingTag } from '../../components/TimingTag';

/**
 * The same evidence checks a reviewer sees (old photo dates, reused photos, no readable summary …), at intake already.
 */
function IntakeChecks({ id }: { id: number }) {
  return <Badges checks={useEvidenceChecks(id)} />;
}

type Submission = OpOutput<'submissions.get'>;
interface LargeLink {
  provider: string;
  url: string;
  name: string | null;
  size: string | null;
  expiresAt: string | null;
}

const KIND_OPTIONS = (Object.keys(FILE_KIND) as FileKind[]).map((k) => ({ value: k, label: FILE_KIND[k] }));

/** Which file is the summary: the office's call when the bytes mislead (a scanned summary as .jpg). */
function KindSelect({ file, disabled }: { file: Submission['files'][number]; disabled: boolean }) {
  const act = useAction();
  return (
    <Select
      size="small"
      value={file.kind as FileKind}
      options={KIND_OPTIONS}
      disabled={disabled}
      style={{ width: 104 }}
      aria-label={`${file.name} 的类别`}
      onChange={(kind) =>
        void act(
          () => desk.submissions.setFileKind({ fileId: file.id, kind }),
          (r) => `已设为${FILE_KIND[kind]}；材料${labelOf(COMPLETENESS, r.completeness)}`,
        )
      }
    />
  );
}

function FileRow({ file, readOnly }: { file: Submission['files'][number]; readOnly: boolean }) {
  const { message } = App.useApp();
  const open = () =>
    openStoredFile(file.sha256).catch((e: unknown) =>
      message.error(e instanceof DeskCallError ? e.message : '无法打开'),
    );
  const icon =
    file.mime === 'application/pdf' ? (
      <FilePdfOutlined />
    ) : file.kind === 'summary' ? (
      <FileWordOutlined />
    ) : (
      <FileOutlined />
    );
  return (
    <List.Item
      actions={[
        <KindSelect key="kind" file={file} disabled={readOnly} />,
        <a key="open" onClick={() => void open()}>
          打开
        </a>,
        <a key="dl" href={fileUrl(file.sha256, true)} download={file.name}>
          下载
        </a>,
      ]}
    >
      <List.Item.Meta
        avatar={
          file.kind === 'photo' ? (
            <PhotoTile file={file} width={56} height={42} />
          ) : (
            <span style={{ fontSize: 28 }}>{icon}</span>
          )
        }
        title={file.name}
        description={`${file.kind === 'photo' && file.width ? `${file.width}×${file.height} · ` : ''}${formatBytes(file.size)} · ${file.pathInSource}`}
      />
    </List.Item>
  );
}

/** One submission: where and when it came from, its files, and every version from the same unit. */
export function SubmissionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  // A version picked in the timeline replaces the one the drawer was opened on.
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => setPicked(null), [id]);
  const shown = picked ?? id;
  const submission = useOp('submissions.get', { id: shown ?? 1 }, ['submissions']);
  const s = shown ? submission.data : undefined;
  const versions = useOp('submissions.list', s?.unitId ? { unitId: s.unitId } : { unclaimed: true }, ['submissions']);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={720}
      title={
        s
          ? `${s.unitName ?? UNCLAIMED} · 第 ${s.version} 版${s.supplementOf !== null ? '的补充' : ''}${s.deletedAt ? '（已删除）' : ''}`
          : '报送材料'
      }
    >
      {s && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <SubmissionCorrections s={s} />
          <TakenAs s={s} onOpen={setPicked} />
          {/* A 补充 alone says nothing about completeness: its version is judged, and checked, with it. */}
          {s.supplementOf === null && <IntakeChecks id={s.id} />}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="来源">{s.sourceLabel}</Descriptions.Item>
            <Descriptions.Item label="收到时间">
              {chinaTime(s.receivedAt)}（{receivedFromLabel(s.receivedFrom)}）
              {!s.deletedAt && <ReceivedAtEditor submissionId={s.id} receivedAt={s.receivedAt} />}
            </Descriptions.Item>
            <Descriptions.Item label="是否逾期">
              {s.supplementOf !== null ? (
                `随第 ${s.version} 版判断`
              ) : (
                <TimingTag late={s.late} completedLate={s.completedLate} />
              )}
            </Descriptions.Item>
            {/*
              A long problem (a 超大附件's name and deadline) wraps across the row instead of squeezing the other columns to
              a character each.
            */}
            <Descriptions.Item label="材料" span={s.completeness === 'complete' || s.supplementOf !== null ? 1 : 2}>
              {s.supplementOf !== null ? (
                `与第 ${s.version} 版合并判断`
              ) : s.completeness === 'complete' ? (
                <Tag color="green">{COMPLETENESS.complete}</Tag>
              ) : (
                (s.problems as Array<{ message: string }>).map((p) => (
                  <Tag key={p.message} color="orange" style={{ whiteSpace: 'normal', height: 'auto', marginBottom: 4 }}>
                    {p.message}
                  </Tag>
                ))
              )}
              {nothingReadable(s.files) && (
                <Tag color="red" title="工作总结是扫描件、已损坏或无法打开：请该单位发送可复制文字的文档">
                  {NO_READABLE_SUMMARY}
                </Tag>
              )}
            </Descriptions.Item>
            {s.senderAddress && (
              <Descriptions.Item label="发件人">
                {[s.senderName, s.senderAddress].filter(Boolean).join(' ')}
              </Descriptions.Item>
            )}
            {s.subject && <Descriptions.Item label="邮件主题">{s.subject}</Descriptions.Item>}
            <Descriptions.Item label="匹配依据">{s.matchReason ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="跳过的系统文件">{s.junkSkipped} 个</Descriptions.Item>
          </Descriptions>
          {s.history.length > 0 && (
            <List
              size="small"
              header="更正记录"
              bordered
              dataSource={s.history}
              data-testid="submission-history"
              renderItem={(h) => (
                <List.Item>
                  {chinaTime(h.at)} {historyLine(h)}
                </List.Item>
              )}
            />
          )}
          {(s.links as LargeLink[]).length > 0 && (
            <Alert
              type="warning"
              showIcon
              title="部分材料在超大附件链接中：请在到期前用浏览器下载，再把下载的文件拖到“收件”页导入（程序不会自行打开这些链接）。"
              description={
                <List
                  size="small"
                  dataSource={s.links as LargeLink[]}
                  data-testid="submission-links"
                  renderItem={(l) => (
                    <List.Item>
                      <Space orientation="vertical" size={0}>
                        <span>
                          {l.provider} · {l.name ?? '（未写明文件名）'}
                          {l.size ? ` · ${l.size}` : ''} ·{' '}
                          {l.expiresAt ? `${chinaTime(l.expiresAt)} 到期` : '到期时间不明'}
                        </span>
                        <Typography.Text copyable={{ text: l.url }} type="secondary" style={{ fontSize: 12 }}>
                          {l.url.length > 80 ? `${l.url.slice(0, 80)}…` : l.url}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              }
            />
          )}
          <List
            header={`文件（${s.files.length}${s.supplements.length ? '，含补充材料' : ''}）`}
            bordered
            dataSource={s.files}
            renderItem={(file) => <FileRow file={file} readOnly={!!s.deletedAt} />}
            data-testid="submission-files"
          />
          {s.unitId && (versions.data?.length ?? 0) > 1 && (
            <div>
              <div style={{ fontWeight: 600, marginBottom: 8 }}>全部版本</div>
              <Timeline
                items={(versions.data ?? []).map((v) => ({
                  color: v.isCurrent ? 'green' : v.supplementOf !== null ? 'blue' : 'gray',
                  content:
                    v.id === s.id ? (
                      <b>{`第 ${v.version} 版${v.supplementOf !== null ? '的补充' : ''}${v.isCurrent ? '（当前）' : ''} · ${chinaTime(v.receivedAt)} · ${v.sourceLabel} · ${v.files.length} 个文件`}</b>
                    ) : (
                      <a
                        onClick={() => setPicked(v.id)}
                      >{`第 ${v.version} 版${v.supplementOf !== null ? '的补充' : ''}${v.isCurrent ? '（当前）' : ''} · ${chinaTime(v.receivedAt)} · ${v.sourceLabel} · ${v.files.length} 个文件`}</a>
                    ),
                }))}
              />
            </div>
          )}
        </Space>
      )}
    </Drawer>
  );
}
