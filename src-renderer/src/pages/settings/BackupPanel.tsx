import { CloudDownloadOutlined, HistoryOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { DeskCallError, desk, fileRefOf, transport, type OpOutput } from '../../api/client';
import { JobProgress, useRunningJob, type RunningJob } from '../../components/JobProgress';
import { useOp } from '../../api/useOp';
import { BackupFolderField } from './BackupFolderField';
import { useAction, useExport } from '../../util/useAction';
import { chinaTime, formatBytes } from '../intake/labels';

type Listing = OpOutput<'backup.status'>['backups'][number];
type Restored = OpOutput<'backup.restore'>;

const KIND: Record<Listing['kind'], { label: string; color: string }> = {
  manual: { label: '手动备份', color: 'blue' },
  auto: { label: '自动备份', color: 'green' },
  'before-restore': { label: '恢复前备份', color: 'orange' },
};

type Running = RunningJob & { operation: 'backup.create' | 'backup.restore' };

/** 设置 → 备份与恢复: back up now, where automatic backups go, and restoring one (undoable). */
export function BackupPanel() {
  const status = useOp('backup.status', undefined, ['settings', 'units', 'submissions', 'reviews']);
  const { modal } = App.useApp();
  const act = useAction();
  const exportDoc = useExport();
  const [running, setRunning] = useRunningJob(['backup.create', 'backup.restore']);
  const [folder, setFolder] = useState<string | null>(null);
  const [restored, setRestored] = useState<Restored | null>(null);
  const s = status.data;

  const busy = !!running;
  const during = async <T,>(operation: Running['operation'], message: string, work: () => Promise<T>): Promise<T> => {
    setRunning({ operation, message });
    try {
      return await work();
    } finally {
      setRunning(null);
      void status.reload();
    }
  };

  const backupNow = () =>
    act(
      () => during('backup.create', '正在备份……', () => desk.backup.create({ to: 'folder' })),
      (r) => `已备份并核对：${r.files} 个材料文件，${formatBytes(r.size)}`,
      '备份失败',
    );
  const backupAs = () =>
    exportDoc(
      () =>
        during('backup.create', '正在备份……', () => desk.backup.create({ to: 'download' })) as Promise<
          OpOutput<'backup.create'> & { artifact: NonNullable<OpOutput<'backup.create'>['artifact']> }
        >,
      (r) => `已备份并核对：${r.files} 个材料文件，${formatBytes(r.size)}`,
      '备份失败',
    );

  /**
   * A backup this PC cannot verify (made on another one) is restored only after the office says it
   * trusts where it came from; a forged or damaged one is refused with the reason.
   */
  const restoreTrusting = async (work: (acceptUnverified: boolean) => Promise<Restored>) => {
    try {
      setRestored(await during('backup.restore', '正在核对备份……', () => work(false)));
    } catch (error) {
      if (!(error instanceof DeskCallError && error.code === 'backup-unverified')) {
        await act(() => Promise.reject(error), undefined, '恢复失败');
        return;
      }
      modal.confirm({
        title: '无法核实这份备份',
        content: error.message,
        okText: '仍然恢复',
        cancelText: '不恢复',
        okButtonProps: { danger: true },
        onOk: async () => {
          const result = await act(
            () => during('backup.restore', '正在核对备份……', () => work(true)),
            undefined,
            '恢复失败',
          );
          if (result) setRestored(result);
        },
      });
    }
  };

  const confirmRestore = (what: string, work: (acceptUnverified: boolean) => Promise<Restored>) =>
    modal.confirm({
      title: `恢复${what}？`,
      content:
        '恢复会用这份备份替换本机现在的全部数据（名册、材料、评审、表彰）。程序会先核对整份备份，再把现有数据另存为“恢复前备份”，需要时可以用它撤销。',
      okText: '核对并恢复',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => restoreTrusting(work),
    });
  const restoreListed = (b: Listing) =>
    confirmRestore(`${chinaTime(b.madeAt)}的${KIND[b.kind].label}`, (acceptUnverified) =>
      desk.backup.restore({ name: b.name, acceptUnverified }),
    );
  const restoreFile = (file: File) => {
    // Each try uploads again: the server lets go of an upload once a restore has read it.
    confirmRestore(`备份文件“${file.name}”`, async (acceptUnverified) =>
      desk.backup.restore({ file: await fileRefOf(file), acceptUnverified }),
    );
    return false;
  };
  const undo = () => {
    const name = restored?.undo?.file.split(/[\\/]/).pop();
    setRestored(null);
    if (name) confirmRestore('恢复前的数据（撤销刚才的恢复）', () => desk.backup.restore({ name }));
  };

  const saveSettings = (next: { auto: boolean; folder?: string | null }) =>
    act(async () => {
      await desk.backup.configure(next);
      setFolder(null);
      await status.reload();
    }, '备份设置已保存');

  if (!s) return <Card loading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="backup-panel">
      {restored && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setRestored(null) }}
          title={`已恢复 ${chinaTime(restored.restored.createdAt)} 的备份（${restored.restored.files} 个材料文件${restored.migrated ? '，已升级为本版本的数据结构' : ''}）`}
          description={restored.undo ? '恢复前的数据已另存为“恢复前备份”。' : undefined}
          action={
            restored.undo ? (
              <Button size="small" onClick={undo}>
                撤销恢复
              </Button>
            ) : undefined
          }
          data-testid="restore-done"
        />
      )}
      {s.stale && (
        <Alert
          type="warning"
          showIcon
          title={s.newestAt ? `最近一次备份在 ${chinaTime(s.newestAt)}，已超过 7 天。` : '还没有备份过。'}
          description="请立即备份，或打开自动备份。"
        />
      )}
      {!s.reachable && (
        <Alert
          type="error"
          showIcon
          title={`备份文件夹“${s.folder}”无法写入`}
          description="U 盘未插好、网络位置断开或没有权限。自动备份会在文件夹可用后继续。"
        />
      )}
      {s.lastError && (
        <Alert
          type="error"
          showIcon
          title={`${chinaTime(s.lastError.at)} 的自动备份失败`}
          description={s.lastError.message}
        />
      )}
      <Card title="备份">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="最近一次备份">
            {s.last ? `${chinaTime(s.last.at)}（${KIND[s.last.kind].label}，${formatBytes(s.last.size)}）` : '还没有'}
          </Descriptions.Item>
          <Descriptions.Item label="自动备份">
            <Space>
              <Switch
                checked={s.settings.auto}
                onChange={(auto) => void saveSettings({ auto })}
                aria-label="自动备份"
              />
              <span className="desk-muted">数据有变化时每天一次；保留最近 7 天各一份、再往前 4 周每周一份</span>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="备份文件夹">
            {transport === 'desktop' ? (
              <BackupFolderField folder={folder} setFolder={setFolder} status={s} save={saveSettings} />
            ) : (
              // A folder is a path on this computer: a page, which anyone's browser could show, may not name one.
              <Space orientation="vertical" size={2} data-testid="backup-folder-readonly">
                <span>{s.folder}</span>
                <span className="desk-muted">
                  备份文件夹只能在桌面程序中更改（或用命令 desk backup-settings --folder）。
                </span>
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
        <Space style={{ marginTop: 12 }} wrap>
          <Button type="primary" icon={<SaveOutlined />} disabled={busy} onClick={() => void backupNow()}>
            立即备份到备份文件夹
          </Button>
          <Button icon={<CloudDownloadOutlined />} disabled={busy} onClick={() => void backupAs()}>
            备份并另存为…
          </Button>
          <Upload accept=".deskbackup" showUploadList={false} beforeUpload={restoreFile} disabled={busy}>
            <Button icon={<UploadOutlined />} disabled={busy} danger>
              从备份文件恢复…
            </Button>
          </Upload>
        </Space>
        {running && <JobProgress job={running} testId="backup-progress" />}
        <Typography.Paragraph className="desk-muted" style={{ marginTop: 12, marginBottom: 0 }}>
          一个备份文件包含数据库和全部材料文件，写完后会读回逐一核对。换电脑时，在新电脑上安装本程序，再用“从备份文件恢复”即可。邮箱授权码不在备份中，恢复后请在“邮箱”中重新填写。
        </Typography.Paragraph>
      </Card>
      <Card
        title={
          <>
            <HistoryOutlined /> 备份文件夹中的备份
          </>
        }
        size="small"
      >
        <Table<Listing>
          size="small"
          rowKey="name"
          dataSource={s.backups}
          pagination={s.backups.length > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: '备份文件夹中还没有备份' }}
          columns={[
            { title: '时间', dataIndex: 'madeAt', render: (v: string) => chinaTime(v), width: 180 },
            {
              title: '类型',
              dataIndex: 'kind',
              width: 110,
              render: (k: Listing['kind']) => <Tag color={KIND[k].color}>{KIND[k].label}</Tag>,
            },
            { title: '大小', dataIndex: 'size', width: 100, render: (n: number) => formatBytes(n) },
            { title: '文件', dataIndex: 'name', ellipsis: true },
            {
              title: '操作',
              width: 90,
              render: (_: unknown, b) => (
                <Button size="small" danger disabled={busy} onClick={() => restoreListed(b)}>
                  恢复
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
