/** How the office reaches a mailbox; what 设置 → 邮箱 stores (the 授权码 lives in the secrets store). */
type MailTls = 'on' | 'starttls' | 'off';

export interface MailPreset {
  id: string;
  label: string;
  host: string;
  port: number;
  tls: MailTls;
  /** Where the 授权码 (app password) is made; these servers refuse the login password over IMAP. */
  passwordHelp: string;
  /** Its 发信服务器 for 催报. */
  smtp: { host: string; port: number; tls: MailTls };
}

export const MAIL_PRESETS: MailPreset[] = [
  {
    id: '163',
    label: '网易 163 邮箱',
    host: 'imap.163.com',
    port: 993,
    tls: 'on',
    passwordHelp: '网页版 163 邮箱 → 设置 → POP3/SMTP/IMAP → 开启 IMAP/SMTP 服务，按提示用手机验证后得到的“授权码”。',
    smtp: { host: 'smtp.163.com', port: 465, tls: 'on' },
  },
  {
    id: '126',
    label: '网易 126 邮箱',
    host: 'imap.126.com',
    port: 993,
    tls: 'on',
    passwordHelp: '网页版 126 邮箱 → 设置 → POP3/SMTP/IMAP → 开启 IMAP/SMTP 服务，按提示用手机验证后得到的“授权码”。',
    smtp: { host: 'smtp.126.com', port: 465, tls: 'on' },
  },
  {
    id: 'qq',
    label: 'QQ 邮箱',
    host: 'imap.qq.com',
    port: 993,
    tls: 'on',
    passwordHelp:
      '网页版 QQ 邮箱 → 设置 → 账号 → POP3/IMAP/SMTP 服务 → 开启 IMAP/SMTP 服务，发短信验证后生成的“授权码”。',
    smtp: { host: 'smtp.qq.com', port: 465, tls: 'on' },
  },
  {
    id: 'exmail',
    label: '腾讯企业邮箱',
    host: 'imap.exmail.qq.com',
    port: 993,
    tls: 'on',
    passwordHelp:
      '网页版企业邮箱 → 设置 → 客户端设置 → 开启 IMAP/SMTP 服务；开启了“安全登录”的，在 账户 → 微信绑定/安全登录 中生成“客户端专用密码”。',
    smtp: { host: 'smtp.exmail.qq.com', port: 465, tls: 'on' },
  },
  {
    id: 'outlook',
    label: 'Outlook / Hotmail',
    host: 'outlook.office365.com',
    port: 993,
    tls: 'on',
    passwordHelp:
      'Microsoft 账户 → 安全 → 高级安全选项 → 应用密码（需先开启两步验证）；单位的 Microsoft 365 邮箱请咨询管理员是否允许 IMAP。',
    smtp: { host: 'smtp.office365.com', port: 587, tls: 'starttls' },
  },
];
