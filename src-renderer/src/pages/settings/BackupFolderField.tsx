import { Button, Input, Space } from 'antd';
import type { OpOutput } from '../../api/client';

type Status = OpOutput<'backup.status'>;

/** 设置 → 备份: the folder for backups, typed on this computer's desktop window (a page may not name one). */
export function BackupFolderField(props: {
  folder: string | null;
  setFolder: (folder: string | null) => void;
  status: Status;
  save: (next: { auto: boolean; folder: string | null }) => unknown;
}) {
  const { folder, setFolder, status: s, save } = props;
  const saveTyped = () => void save({ auto: s.settings.auto, folder: (folder ?? '').trim() || null });
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={folder ?? s.settings.folder ?? ''}
        placeholder={`${s.folder}（默认：数据文件夹内）`}
        onChange={(e) => setFolder(e.target.value)}
        aria-label="备份文件夹"
        onPressEnter={saveTyped}
      />
      <Button disabled={folder === null} onClick={saveTyped}>
        保存
      </Button>
      {s.settings.folder && (
        <Button onClick={() => void save({ auto: s.settings.auto, folder: null })}>用默认文件夹</Button>
      )}
    </Space.Compact>
  );
}
