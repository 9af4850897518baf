import type { Unit } from '../roster/units';
import { FILE_KIND } from '../../common/fileKinds';

/** Where a piece of evidence came from, in the words the match reason uses. */
type EvidenceSource = 'archive' | 'folder' | 'subject' | 'sender-name' | 'file';

export interface Evidence {
  source: EvidenceSource;
  text: string;
}

interface MatchResult {
  unitId: number;
  unitName: string;
  score: number;
  reason: string;
}

export interface MatchOutcome {
  match: MatchResult | null;
  /** Close candidates when nothing was certain enough, best first, for the 待认领 queue. */
  candidates: MatchResult[];
  ambiguous: boolean;
}

/** Scores at or above this match by themselves; anything lower waits for a person in 待认领. */
const MATCH_THRESHOLD = 80;

const SOURCE_WORDS: Record<EvidenceSource, string> = {
  archive: '压缩包名',
  folder: '文件夹名',
  subject: '邮件主题',
  'sender-name': '发件人名称',
  file: '文件名',
};
const SOURCE_WEIGHT: Record<EvidenceSource, number> = {
  archive: 0,
  folder: 0,
  subject: 0,
  'sender-name': -5,
  file: -10,
};

const PREFIXES = ['广西壮族自治区', '广西', '中国', '柳州市'];
const SUFFIXES = ['有限责任公司', '股份有限公司', '有限公司', '公司', '团总支', '团支部', '团委', '青年文明号'];

/** NFKC folds full-width forms; brackets, dashes, spaces and punctuation carry no identity. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The distinctive core of a name: without the place prefix and organisational suffix everyone shares. */
export function coreName(name: string): string {
  let core = normalize(name);
  for (let changed = true; changed;) {
    changed = false;
    for (const p of PREFIXES) {
      if (core.startsWith(p) && core.length - p.length >= 4) {
        core = core.slice(p.length);
        changed = true;
      }
    }
    for (const s of SUFFIXES) {
      if (core.endsWith(s) && core.length - s.length >= 4) {
        core = core.slice(0, -s.length);
        changed = true;
      }
    }
  }
  return core;
}

interface Needle {
  text: string;
  score: number;
  what: string;
}

function needlesFor(unit: Unit): Needle[] {
  const needles: Needle[] = [{ text: normalize(unit.name), score: 95, what: '单位全称' }];
  const core = coreName(unit.name);
  if (core.length >= 4 && core !== needles[0]!.text) needles.push({ text: core, score: 85, what: '单位名称' });
  for (const alias of unit.aliases) {
    if (alias.includes('@')) continue;
    const text = normalize(alias);
    if (text.length >= 4) needles.push({ text, score: 90, what: `单位别名“${alias}”` });
  }
  return needles;
}

/**
 * Finds the unit a submission came from. The sender address settles it when it is on the roster;
 * otherwise the longest name or alias found in the evidence wins — but only when it is unique: two
 * units found with nothing to tell them apart (two banks' 营业部) go to 待认领, never to a guess.
 */
export function matchUnit(units: Unit[], evidence: Evidence[], senderAddress: string | null): MatchOutcome {
  const best = new Map<number, MatchResult & { needle: string }>();
  const offer = (unit: Unit, score: number, reason: string, needle: string) => {
    const current = best.get(unit.id);
    if (!current || score > current.score || (score === current.score && needle.length > current.needle.length)) {
      best.set(unit.id, { unitId: unit.id, unitName: unit.name, score, reason, needle });
    }
  };
  const haystacks = evidence.map((e) => ({ ...e, norm: normalize(e.text) })).filter((e) => e.norm);
  for (const unit of units) {
    if (senderAddress) {
      const emails = [unit.email, ...unit.aliases.filter((a) => a.includes('@'))]
        .filter(Boolean)
        .map((e) => e!.toLowerCase());
      if (emails.includes(senderAddress.toLowerCase())) offer(unit, 100, '发件邮箱与名册一致', `@${senderAddress}`);
    }
    for (const needle of needlesFor(unit)) {
      for (const hay of haystacks) {
        if (hay.norm.includes(needle.text))
          offer(
            unit,
            needle.score + SOURCE_WEIGHT[hay.source],
            `${SOURCE_WORDS[hay.source]}含${needle.what}`,
            needle.text,
          );
      }
    }
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || b.needle.length - a.needle.length);
  const top = ranked[0];
  const candidates = ranked.slice(0, 5).map(({ needle: _n, ...m }) => m);
  if (!top || top.score < MATCH_THRESHOLD) return { match: null, candidates, ambiguous: false };
  // Another strong candidate is acceptable only when the winner's name contains it (急诊科 of 人民医院).
  const rivals = ranked.slice(1).filter((r) => r.score >= top.score - 10 && !top.needle.includes(r.needle));
  if (rivals.length) return { match: null, candidates, ambiguous: true };
  return { match: candidates[0]!, candidates, ambiguous: false };
}

/**
 * Another unit an alias would also point to: one whose name or alias contains it, or is contained
 * in it. Learning such an alias would send that unit's next mail to the wrong place, or make both
 * ambiguous; it is not learned.
 */
export function aliasConflict(alias: string, units: Unit[], ownerId: number): Unit | null {
  const text = normalize(alias);
  for (const unit of units) {
    if (unit.id === ownerId) continue;
    if (needlesFor(unit).some((n) => n.text.includes(text) || text.includes(n.text))) return unit;
  }
  return null;
}

/**
 * Words every submission's name may carry, whoever sends it: the year, what the material is, which
 * draft it is, what the sender did with it. Claiming "市中院立案庭2022年青年文明号创建材料（终稿）"
 * once learnt "市中院立案庭创建" and "市中院立案庭稿"; the next mail said 创建工作 and missed.
 * Longer words first, so a word is never cut in half by a shorter one.
 */
const GENERIC = new RegExp(
  [
    '20\\d\\d',
    '年度',
    '青年文明号',
    '创建工作',
    '创建',
    '申报书',
    '申报表',
    '申报',
    '申请',
    FILE_KIND.summary,
    '总结',
    '报告',
    '情况',
    '说明',
    '汇报',
    '材料',
    '资料',
    '佐证',
    FILE_KIND.photo,
    '相片',
    '图片',
    '图集',
    '台账',
    '活动',
    '工作',
    '集体',
    '自评',
    '复核',
    '验收',
    '考核',
    '评审',
    '评选',
    '报送',
    '上报',
    '提交',
    '发送',
    '请查收',
    '查收',
    '附件',
    '汇总',
    '最终版',
    '最新版',
    '修改版',
    '修订版',
    '正式版',
    '打印版',
    '终版',
    '定稿',
    '初稿',
    '终稿',
    '送审稿',
    '修改稿',
    '修订稿',
    '稿',
    '最终',
    '最新',
    '修改',
    '修订',
    '正式',
    '新建文件夹',
    '文件夹',
    '压缩包',
    '压缩',
    '文件',
    '副本',
    '备份',
    '打包',
    '完整',
    '全部',
    '转发',
    '回复',
    '年',
    '\\d+',
  ].join('|'),
  'g',
);

/**
 * What a claimed source teaches: its name minus years and words every submission shares, if anything distinctive is
 * left.
 */
export function learnableAlias(label: string): string | null {
  // A reply's or a forward's marks ("Re:", "Fwd:", "转发：") lead the subject; they name nobody.
  const stem = label.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^(\s*(re|fw|fwd|回复|转发)\s*[:：]\s*)+/i, '');
  const rest = normalize(stem).replace(GENERIC, '');
  return rest.length >= 4 ? rest : null;
}
