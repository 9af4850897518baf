import { and, eq, isNull } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import type { DeskError } from '../contract/errors';
import { intakeSources, submissionFiles, submissions, units } from '../db/schema';
import type { Executor } from '../db/open';
import { insertAll } from '../db/slices';
import type { ReceivedFrom } from '../../common/statuses';
import { chinaTimeLabel } from '../../common/chinaTime';
import type { completeness } from './classify';
import type { InspectedFile } from './inspect';
import type { SourceReport } from './intake';
import type { matchUnit } from './match';
import type { SourceContents } from './readSource';
import type { Source } from './sources';
import { takenAs } from './materialSet';
import { placeForUnit } from './placement';
import { UNCLAIMED } from '../../common/statuses';

/** What the rows keep of a source: its name and kind (the bytes are in the store by then). */
type SourceRef = Pick<Source, 'kind' | 'label'>;

/** A source read and its files stored, waiting for its rows: written with others in one transaction. */
export interface Ready {
  source: SourceRef;
  contents: SourceContents;
  files: InspectedFile[];
  print: string;
  matched: ReturnType<typeof matchUnit>;
  receivedAt: string;
  receivedFrom: ReceivedFrom;
  late: boolean;
  check: ReturnType<typeof completeness>;
}

/** What a source came to before its rows are written: refused, or ready. */
export type Prepared = { source: SourceRef; rejection: DeskError; unitId?: number | null } | Ready;

function writeRejected(
  tx: Executor,
  campaign: Campaign,
  source: SourceRef,
  error: DeskError,
  unitId: number | null,
): SourceReport {
  tx.insert(intakeSources)
    .values({
      campaignId: campaign.id,
      label: source.label,
      kind: source.kind,
      status: 'rejected',
      code: error.code,
      message: error.message,
      unitId,
    })
    .run();
  return { source: source.label, status: 'rejected', code: error.code, message: error.message };
}

function writeReady(tx: Executor, campaign: Campaign, r: Ready): SourceReport {
  const { source, contents, files, check } = r;
  const { match, candidates, ambiguous } = r.matched;
  const fileList = files.map((f) => ({
    name: f.name,
    path: f.pathInSource,
    kind: f.kind,
    size: f.size,
    sha256: f.sha256,
  }));
  // A deleted submission does not count: the same files sent again are received again.
  const same = tx
    .select({ id: submissions.id, unitName: units.name, receivedAt: submissions.receivedAt })
    .from(submissions)
    .leftJoin(units, eq(units.id, submissions.unitId))
    .where(
      and(eq(submissions.campaignId, campaign.id), eq(submissions.fingerprint, r.print), isNull(submissions.deletedAt)),
    )
    .get();
  if (same) {
    // Named as the clerk sees it in 收件: whose material, received when.
    const message = `与已收到的${same.unitName ? `“${same.unitName}”` : UNCLAIMED}材料（${chinaTimeLabel(same.receivedAt)} 收到）完全相同，未重复保存。`;
    tx.insert(intakeSources)
      .values({
        campaignId: campaign.id,
        label: source.label,
        kind: source.kind,
        messageId: contents.messageId,
        status: 'duplicate',
        message,
        submissionId: same.id,
      })
      .run();
    return { source: source.label, status: 'duplicate', message, submission_id: same.id, files: fileList };
  }
  const row = tx
    .insert(submissions)
    .values({
      campaignId: campaign.id,
      unitId: match?.unitId ?? null,
      version: 1,
      isCurrent: !match,
      receivedAt: r.receivedAt,
      receivedFrom: r.receivedFrom,
      late: r.late,
      completeness: check.completeness,
      problems: check.problems,
      sourceLabel: source.label,
      sourceKind: source.kind,
      messageId: contents.messageId,
      senderAddress: contents.senderAddress,
      senderName: contents.senderName,
      subject: contents.subject,
      fingerprint: r.print,
      matchScore: match?.score ?? null,
      matchReason: match?.reason ?? (ambiguous ? '与多个集体相近，需人工认领' : null),
      junkSkipped: contents.junk,
      notes: contents.notes,
      links: contents.links,
    })
    .returning({ id: submissions.id })
    .get();
  insertAll(
    tx,
    submissionFiles,
    files.map((f, position) => ({
      submissionId: row.id,
      position,
      pathInSource: f.pathInSource,
      name: f.name,
      size: f.size,
      sha256: f.sha256,
      kind: f.kind,
      mime: f.mime,
      width: f.width,
      height: f.height,
      modifiedAt: f.modifiedAt,
    })),
  );
  const placed = match
    ? placeForUnit(
        tx,
        campaign,
        match.unitId,
        row.id,
        takenAs(
          [contents.subject, source.label, ...files.map((f) => f.name)],
          files.map((f) => f.kind),
        ),
      )
    : null;
  const version = placed?.version ?? 1;
  const set = placed
    ? tx
        .select({ late: submissions.late, completeness: submissions.completeness, problems: submissions.problems })
        .from(submissions)
        .where(eq(submissions.id, placed.baseId ?? row.id))
        .get()!
    : null;
  tx.insert(intakeSources)
    .values({
      campaignId: campaign.id,
      label: source.label,
      kind: source.kind,
      messageId: contents.messageId,
      status: match ? 'imported' : 'unmatched',
      message: match ? match.reason : UNCLAIMED,
      submissionId: row.id,
    })
    .run();
  return {
    source: source.label,
    status: match ? 'imported' : 'unmatched',
    message: match
      ? placed?.as === 'supplement'
        ? `已作为补充材料并入“${match.unitName}”的第 ${version} 版`
        : `已收为“${match.unitName}”的材料${version > 1 ? `（第 ${version} 版，重新报送）` : ''}`
      : ambiguous
        ? '与多个集体名称相近，无法自动判断，已放入待认领'
        : '没有认出是哪个集体，已放入待认领',
    ...(match
      ? { unit: { id: match.unitId, name: match.unitName }, match: { score: match.score, reason: match.reason } }
      : { candidates }),
    submission_id: row.id,
    version,
    ...(placed ? { taken_as: placed.as, ...(placed.baseId ? { supplement_of: placed.baseId } : {}) } : {}),
    received_at: r.receivedAt,
    received_from: r.receivedFrom,
    // The unit's material taken together (a 补充 is judged with the version it joined).
    late: set ? set.late : r.late,
    completeness: (set?.completeness as 'complete' | 'incomplete' | undefined) ?? check.completeness,
    problems: (set?.problems as typeof check.problems | undefined) ?? check.problems,
    files: fileList,
    junk_skipped: contents.junk,
    notes: contents.notes,
  };
}

/**
 * The rows of several prepared sources in one transaction, in their order: each source is all
 * there or not at all, and a batch costs one commit instead of one per source (a commit rewrites
 * every page it touched, which for small ZIPs was most of the bytes written).
 */
export function writeBatch(ctx: CoreContext, campaign: Campaign, batch: Prepared[]): SourceReport[] {
  if (!batch.length) return [];
  return ctx.db.orm.transaction((tx) =>
    batch.map((p) =>
      'rejection' in p
        ? writeRejected(tx, campaign, p.source, p.rejection, p.unitId ?? null)
        : writeReady(tx, campaign, p),
    ),
  );
}
