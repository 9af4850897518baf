import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import { type Unit } from '../roster/units';
import { completenessOf, type Problem } from './classify';
import { fingerprint, inspect, type InspectedFile } from './inspect';
import { documentBounds, readLimits } from './limits';
import { matchUnit, type Evidence } from './match';
import { readSource, type SourceContents } from './readSource';
import { Rejection } from './rejection';
import type { Source } from './sources';
import { commitStaged, contentOf, discard } from './staging';
import type { IntakeStatus, ReceivedFrom } from '../../common/statuses';
import type { ErrorCode } from '../../common/errorCodes';
import { officeBounds } from './officeBounds';

/** Documents that are ZIP packages underneath (OOXML, ODF, OFD). */
const OFFICE_PACKAGE = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/ofd',
]);
import { writeBatch, type Prepared } from './rows';

/** One line of the result: what became of one archive, e-mail or folder (the CLI's JSON shape). */
export interface SourceReport {
  source: string;
  status: IntakeStatus;
  code?: ErrorCode;
  message: string;
  unit?: { id: number; name: string };
  match?: { score: number; reason: string };
  candidates?: Array<{ unitId: number; unitName: string; score: number; reason: string }>;
  submission_id?: number;
  version?: number;
  /** 补充 (joined the unit's current version) or 重新报送/first version. */
  taken_as?: 'supplement' | 'version';
  supplement_of?: number;
  received_at?: string;
  received_from?: ReceivedFrom;
  late?: boolean;
  completeness?: 'complete' | 'incomplete';
  problems?: Problem[];
  files?: Array<{ name: string; path: string; kind: string; size: number; sha256: string }>;
  junk_skipped?: number;
  notes?: string[];
  /** Mail fetched over IMAP: the message's id, and why a message was skipped. */
  message_id?: string | null;
  reason?: string;
}

export interface IntakeTotals {
  sources: number;
  imported: number;
  unmatched: number;
  duplicate: number;
  rejected: number;
  /** Mailbox messages without attachments (auto-replies, questions): listed, not submissions. */
  skipped: number;
  late: number;
  incomplete: number;
  files: number;
  bytes: number;
}

/** The folders (and archives inside the archive) that hold every file: `a.zip/2022年材料/…` → both. */
function commonFolders(files: InspectedFile[]): string[] {
  const dirs = files.map((f) => f.pathInSource.split('/').slice(0, -1));
  const shared: string[] = [];
  for (let i = 0; dirs.length && dirs.every((d) => d.length > i && d[i] === dirs[0]![i]); i++)
    shared.push(dirs[0]![i]!);
  return shared;
}

function evidenceOf(source: Source, contents: SourceContents, files: InspectedFile[]): Evidence[] {
  const evidence: Evidence[] = [
    { source: source.kind === 'folder' ? 'folder' : 'archive', text: source.label.replace(/\.[A-Za-z0-9]{1,5}$/, '') },
  ];
  // The unit's name is often only on a ZIP inside the ZIP, or on a folder inside that.
  for (const segment of commonFolders(files)) {
    evidence.push(
      /\.zip$/i.test(segment)
        ? { source: 'archive', text: segment.replace(/\.zip$/i, '') }
        : { source: 'folder', text: segment },
    );
  }
  if (contents.subject) evidence.push({ source: 'subject', text: contents.subject });
  if (contents.senderName) evidence.push({ source: 'sender-name', text: contents.senderName });
  for (const f of files) evidence.push({ source: 'file', text: f.name.replace(/\.[A-Za-z0-9]{1,5}$/, '') });
  return evidence;
}

/** The unit a refused source came from, when its name or its mail's sender says so for certain. */
function refusedUnit(roster: Unit[], source: Source, rejection: Rejection): number | null {
  const evidence: Evidence[] = [{ source: 'archive', text: source.label.replace(/\.[A-Za-z0-9]{1,5}$/, '') }];
  for (const text of rejection.sender?.texts ?? [])
    evidence.push({ source: 'subject', text: text.replace(/\.[A-Za-z0-9]{1,5}$/, '') });
  return matchUnit(roster, evidence, rejection.sender?.address ?? null).match?.unitId ?? null;
}

/**
 * Reads, checks and matches one source and puts its files into the store; no rows yet. Null when
 * cancelled. Bytes first, rows last: a crash in between leaves only unreferenced store files,
 * swept at the next start.
 */
export async function prepareOne(
  campaign: Campaign,
  roster: Unit[],
  store: CoreContext['store'],
  source: Source,
  signal: AbortSignal,
  limits: ReturnType<typeof readLimits>,
): Promise<Prepared | null> {
  let contents: SourceContents;
  try {
    contents = await readSource(source, store, limits, signal);
  } catch (error) {
    if (signal.aborted) return null;
    if (error instanceof Rejection) return { source, rejection: error, unitId: refusedUnit(roster, source, error) };
    throw error;
  }
  if (signal.aborted) {
    discard(contents.files);
    return null;
  }
  const files = await inspect(contents.files);
  // A document is a ZIP too: one whose parts inflate past sane bounds is a bomb, refused here rather than found by a
  // reviewer's preview.
  const bounds = documentBounds(limits);
  for (const f of files) {
    if (!OFFICE_PACKAGE.has(f.mime ?? '') || (await officeBounds(contentOf(f), bounds)) !== 'too-large') continue;
    discard(files);
    const mb = (n: number) => Math.round(n / 1024 ** 2);
    return {
      source,
      rejection: new Rejection(
        'zip-bomb',
        `“${f.name}”解压后异常庞大（单个部件超过 ${mb(bounds.partBytes)} MB、合计超过 ${mb(bounds.totalBytes)} MB，或压缩比超过 1:${bounds.ratio}），疑似恶意构造的文档，整份材料已拒收。请联系该单位重新保存后发送；确属正常的大文档，可在“设置 → 收件限制”中调高上限后重新导入。`,
      ),
    };
  }
  // A mail whose only material is a 超大附件 link is a submission still to be completed, not an empty one.
  if (files.length === 0 && contents.links.length === 0) {
    return {
      source,
      rejection: new Rejection(
        'empty',
        `“${source.label}”里没有可用的文件${contents.junk ? `（只有 ${contents.junk} 个系统垃圾文件）` : ''}。请联系该单位重新发送材料。`,
      ),
    };
  }
  const print = fingerprint([...files, ...contents.links.map((l) => ({ sha256: `link:${l.url}` }))]);
  const matched = matchUnit(roster, evidenceOf(source, contents, files), contents.senderAddress);
  // 已撤销 → 不再收件: kept (nothing sent is lost) but flagged, in 收件 and in 动态管理.
  const revoked = matched.match && roster.find((u) => u.id === matched.match!.unitId && u.status === 'revoked');
  if (revoked) contents.notes.push(`“${revoked.name}”已撤销青年文明号称号，按规定不再收件，请核实是否仍应受理`);
  const receivedAt = contents.receivedAt ?? new Date().toISOString();
  const check = completenessOf(
    files.map((f) => f.kind),
    campaign.materials,
    contents.links,
  );
  // Identical material is found when the rows are written (it may be in the same batch); its files are the same hashes,
  // so storing them is harmless.
  for (const f of files) commitStaged(store, f);
  return {
    source,
    contents,
    files,
    print,
    matched,
    receivedAt,
    receivedFrom: contents.receivedAt ? contents.receivedFrom : 'import',
    late: Date.parse(receivedAt) > Date.parse(campaign.deadlineEndsAt),
    check,
  };
}

/** Reads, checks, matches and stores one source: all of it in one transaction, or nothing. */
export async function importOne(
  ctx: CoreContext,
  campaign: Campaign,
  roster: Unit[],
  source: Source,
  signal: AbortSignal,
  limits = readLimits(ctx.db.orm),
): Promise<SourceReport | null> {
  const prepared = await prepareOne(campaign, roster, ctx.store, source, signal, limits);
  return prepared ? writeBatch(ctx, campaign, [prepared])[0]! : null;
}

export function totalsOf(reports: SourceReport[]): IntakeTotals {
  const count = (status: SourceReport['status']) => reports.filter((r) => r.status === status).length;
  const stored = reports.filter((r) => r.status === 'imported' || r.status === 'unmatched');
  return {
    sources: reports.length,
    imported: count('imported'),
    unmatched: count('unmatched'),
    duplicate: count('duplicate'),
    rejected: count('rejected'),
    skipped: count('skipped'),
    late: stored.filter((r) => r.late).length,
    incomplete: stored.filter((r) => r.completeness === 'incomplete').length,
    files: stored.reduce((n, r) => n + (r.files?.length ?? 0), 0),
    bytes: stored.reduce((n, r) => n + (r.files ?? []).reduce((m, f) => m + f.size, 0), 0),
  };
}
