/**
 * Every code an operation can refuse with: stable for the CLI's JSON, tests and the UI's
 * branching. The code tables in docs/cli.md and docs/intake.md list exactly these (tests/unit/operations.test.ts).
 */
export const ERROR_CODES = {
  // The call itself
  'invalid-input': '输入有误：某个字段缺少或格式不对',
  'unknown-operation': '没有这个操作',
  forbidden: '调用方无权做这件事（页面按路径读本机文件或指定备份文件夹、评审人做办公室的事或碰不属于自己的材料）',
  unauthorized: '浏览器模式的访问令牌缺少或已失效',
  offline: '页面连不上程序（程序已退出）',
  busy: '另一项长时间写入正占用数据文件夹',
  cancelled: '用户取消了长时间操作',
  internal: '程序内部错误（写入日志文件）',
  'data-conflict': '与已有数据冲突（重复或仍被引用），未保存',
  'network-folder': '数据文件夹在网络共享位置上，不能使用',
  'database-damaged': '数据库文件损坏或不是本程序的数据库',
  'not-found': '要找的记录或文件不存在',
  // Files going in and out
  'file-not-found': '给出的文件不存在或不是文件',
  'bad-path': '保存位置的文件夹不存在',
  'file-locked': '目标文件正被其他程序（Excel/WPS）打开',
  'write-failed': '文件写不进去（磁盘满、无权限）',
  'upload-failed': '上传中断',
  'too-large': '文件超过大小上限',
  'open-failed': '系统查看器打不开这个文件',
  'not-openable': '这种文件不能直接打开（只能打开文档和图片）',
  'migration-failed': '数据库升级失败（已保留升级前的副本）',
  'schema-newer': '数据文件夹由更新版本的程序生成',
  // Backup and restore
  'not-a-backup': '不是本程序的备份文件',
  'backup-damaged': '备份文件损坏或不完整',
  'backup-forged': '备份生成后被改动过',
  'backup-unverified': '无法核实的备份（来自其他电脑）',
  'backup-too-new': '备份由更新版本的程序生成',
  // Roster
  'unsupported-format': '不支持的文件格式（旧 .xls、.msg、自解压 .exe、单独一个分卷等）',
  'corrupt-sheet': '表格文件已损坏',
  'empty-sheet': '表格里没有数据',
  'no-name-column': '没有找到“集体名称”列',
  'duplicate-name': '名册中已有同名集体',
  'duplicate-sector': '已有同名系统',
  'sector-in-use': '系统下还有集体，不能删除',
  // Campaigns
  'no-campaign': '还没有年度工作，或没有这一年度',
  'duplicate-year': '这一年度已有年度工作',
  'campaign-current': '当前年度工作不能删除',
  'campaign-has-submissions': '年度工作已收到材料，不能删除',
  'campaign-exists': '评审包的年度工作与本机已有的冲突',
  'submission-deleted': '这份材料已删除（可在“已删除”中恢复）',
  // Review
  'duplicate-reviewer': '已有同名评审人',
  'review-incomplete': '还有检查项未评，不能提交',
  'not-submitted': '只能退回已提交的评审',
  conflict: '评审或定级已在别处改过（另一个窗口、另一位同事），未覆盖',
  // 集中评审
  'review-day-inactive': '现在没有进行中的集中评审',
  'review-day-active': '集中评审已经开始，须先结束当前这一场',
  'bad-address': '不是本机的网络地址',
  'code-invalid': '评审验证码不对',
  'code-locked': '验证码错误次数过多，暂时锁定',
  'override-needs-reason': '改判或人工调整需要写明理由',
  disputed: '评审有分歧，须先处理',
  'no-reviews': '还没有已提交的评审',
  'reviews-incomplete': '指派的评审人还没有全部提交评审',
  'no-earlier-version': '这个集体没有更早的材料可以并入',
  'honors-unsettled': '表彰名单中有需重新定级或尚未定级的集体，须确认后才导出',
  'empty-package': '这位评审人没有可评的材料',
  'no-package': '本机没有打开过评审包',
  'not-a-review-file': '不是评审包或评审结果文件',
  'bad-checksum': '评审包或结果文件在导出后被改动或已损坏',
  'bad-seal': '评审结果不是用本机导出的评审包密封的',
  'result-invalid': '评审结果中有不合规的评审（超出分值、未评完就提交等）',
  'result-time': '评审结果的修改时间不可信（在将来，或早于评审包）',
  'result-duplicate': '评审结果中同一份材料出现了两次',
  'wrong-campaign': '评审结果属于另一个年度',
  'unknown-package': '评审结果来自本机没有导出过的评审包',
  'unknown-reviewer': '评审人名单中没有这个人',
  // Export
  'no-honors': '还没有确定表彰名单',
  'missing-glyph': '名单中有字体里没有的字',
  // 动态管理 and reminders
  'no-change': '所选集体已经是这个状态或星级',
  'changed-since': '此后又有改动，不能撤销这一步',
  'no-address': '集体没有电子邮箱，无法发送提醒',
  'smtp-failed': '发信服务器拒绝或连不上',
  // Mailbox (IMAP)
  'mail-auth': '邮箱拒绝登录（地址或授权码不对）',
  'mail-unsafe-login': '网易邮箱以“Unsafe Login”拒绝读取邮件',
  'mail-tls': '与邮件服务器的加密连接建立失败',
  'mail-unreachable': '连不上邮件服务器，或连接中途断开',
  'mail-timeout': '邮件服务器长时间没有响应',
  'no-mail-account': '还没有设置这个邮箱',
  // Intake: why a whole source was refused
  'unsafe-path': '压缩包中有危险的路径（..、绝对路径、盘符、控制字符）',
  encrypted: '压缩包有密码',
  corrupt: '文件已损坏或不完整',
  'zip-bomb': '解压后过大、条目过多、压缩比异常或嵌套过深',
  empty: '里面没有可用的文件',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes intake records for a refused source (the refusal table in docs/intake.md). */
export const REJECTION_CODES = [
  'unsafe-path',
  'encrypted',
  'corrupt',
  'unsupported-format',
  'zip-bomb',
  'too-large',
  'empty',
] as const satisfies readonly ErrorCode[];
export type RejectionCode = (typeof REJECTION_CODES)[number];
