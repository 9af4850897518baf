import { Descriptions, Modal, Typography } from 'antd';
import type { OpOutput } from '../api/client';
import { transport } from '../api/client';

export function AboutDialog({
  open,
  onClose,
  info,
}: {
  open: boolean;
  onClose: () => void;
  info: OpOutput<'app.info'>;
}) {
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText="关闭"
      title="关于组委会工作台"
      width={560}
    >
      <Typography.Paragraph className="desk-muted">
        为团市委青年文明号工作办公室设计的离线工作台：管理集体名册和年度工作，收取报送材料、组织评审、导出统计表和表彰名单。
      </Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="版本">{info.version}</Descriptions.Item>
        <Descriptions.Item label="运行方式">
          {transport === 'desktop' ? '桌面版' : '浏览器模式（仅本机访问）'}
        </Descriptions.Item>
        <Descriptions.Item label="数据文件夹">
          <Typography.Text copyable data-testid="about-data-dir">
            {info.dataDir}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="数据库文件">
          <Typography.Text copyable>{info.dbFile}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="日志文件">
          <Typography.Text copyable data-testid="about-log-file">
            {info.logFile}
          </Typography.Text>
          <div className="desk-muted" style={{ fontSize: 12 }}>
            程序出错时请把这个文件发给技术支持（不含密码和名册内容）。
          </div>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
