import { z } from 'zod';
import { DeskError } from './errors';

const TYPE_WORDS: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文字',
  boolean: '是或否',
  array: '列表',
  object: '一组内容',
  date: '日期',
};

// zod's own messages (a number too small, a missing field) in the office's Chinese — never its type
// names — for every schema in core; a schema's own message still comes first.
z.config({
  customError: (issue) => {
    const kind = 'origin' in issue ? String(issue.origin) : '';
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? '必须填写' : `应为${TYPE_WORDS[issue.expected] ?? '正确的格式'}`;
      case 'too_small':
        if (kind === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${issue.minimum} 个字`;
        if (kind === 'array' || kind === 'set') return `至少 ${issue.minimum} 项`;
        return `不能小于 ${issue.minimum}${issue.inclusive === false ? '（且不能等于）' : ''}`;
      case 'too_big':
        if (kind === 'string') return `不能超过 ${issue.maximum} 个字`;
        if (kind === 'array' || kind === 'set') return `最多 ${issue.maximum} 项`;
        return `不能大于 ${issue.maximum}`;
      case 'invalid_format':
        return '格式不对';
      case 'invalid_value':
        return '不是可选的值';
      case 'unrecognized_keys':
        return '有多余的内容';
      default:
        return '格式不对';
    }
  },
});

/** The words a person knows a field by; a field not named here is left out rather than shown as code. */
const FIELD_WORDS: Record<string, string> = {
  name: '名称',
  title: '标题',
  theme: '活动主题',
  issuer: '发文单位',
  year: '年度',
  deadline: '截止日期',
  issuedOn: '发文日期',
  email: '电子邮箱',
  phone: '联系电话',
  contact: '联系人',
  sector: '系统',
  verdicts: '等次',
  verdict: '等次',
  score: '分数',
  min: '分数线',
  perSector: '每个系统名额',
  reason: '理由',
  points: '分值',
  minCount: '最低次数',
  bonus: '加分',
  deduction: '扣分',
  comment: '评语',
  host: '服务器地址',
  port: '端口',
  user: '邮箱地址',
  password: '授权码',
  receivedAt: '收到时间',
  date: '日期',
  since: '起始日期',
  until: '截止日期',
  items: '检查清单',
  section: '所属部分',
};

/** Turns zod issues into one Chinese sentence a person can act on: field words, never a field path. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const named = [...issue.path].reverse().find((p): p is string => typeof p === 'string' && p in FIELD_WORDS);
    return named ? `${FIELD_WORDS[named]}：${issue.message}` : issue.message;
  });
  const more = error.issues.length > 5 ? `等 ${error.issues.length} 处` : '';
  return `输入有误（${[...new Set(parts)].join('；')}${more}）`;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    // The paths stay in `details` for the CLI's JSON and tests; the message is for a person.
    throw new DeskError(
      'invalid-input',
      describeIssues(result.error),
      result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    );
  }
  return result.data;
}
