import { sql } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { getUnit } from '../roster/units';
import { starHistoryOf, statusHistoryOf } from './history';

interface VersionRow {
  id: number;
  campaign_id: number;
  version: number;
  is_current: number;
  received_at: string;
  late: number;
  completeness: string;
  source_label: string;
  deleted_at: string | null;
  verdict: string | null;
  score: number | null;
  basis: string | null;
  reviews: number;
  mean: number | null;
  practice: number;
}

/**
 * One unit across every campaign: what it sent (each version), how it was judged, honours,
 * 典型做法, refusals and reminders — and its standing and stars over time. A few indexed queries
 * on this unit alone, so it costs the same at 5,000 units as at 50.
 */
export function unitHistory(orm: Orm, unitId: number) {
  const unit = getUnit(orm, unitId);
  const star =
    orm.all<{ star: number | null }>(sql`SELECT star_level AS star FROM units WHERE id = ${unitId}`)[0]?.star ?? null;
  const campaigns = orm.all<{ id: number; year: number; title: string; deadline: string; run: number }>(
    sql`SELECT c.id, c.year, c.title, c.deadline, EXISTS (SELECT 1 FROM submissions s WHERE s.campaign_id = c.id AND s.deleted_at IS NULL) AS run FROM campaigns c ORDER BY c.year DESC`,
  );
  const versions = orm.all<VersionRow>(sql`
    SELECT s.id, s.campaign_id, s.version, s.is_current, s.received_at, s.late, s.completeness, s.source_label, s.deleted_at,
      d.verdict, d.score, d.basis,
      (SELECT count(*) FROM reviews r WHERE r.submission_id = s.id AND r.status = 'submitted') AS reviews,
      (SELECT avg(r.total) FROM reviews r WHERE r.submission_id = s.id AND r.status = 'submitted') AS mean,
      (p.submission_id IS NOT NULL) AS practice
    FROM submissions s LEFT JOIN decisions d ON d.submission_id = s.id LEFT JOIN practices p ON p.submission_id = s.id
    WHERE s.unit_id = ${unitId} ORDER BY s.campaign_id, s.version`);
  const refused = orm.all<{ campaign_id: number; label: string; message: string; imported_at: string }>(
    sql`SELECT campaign_id, label, message, imported_at FROM intake_sources WHERE unit_id = ${unitId} AND status = 'rejected' ORDER BY id`,
  );
  const honored = new Set(
    orm
      .all<{ campaign_id: number }>(sql`SELECT campaign_id FROM honors WHERE unit_id = ${unitId}`)
      .map((h) => h.campaign_id),
  );
  const reminders = orm.all<{
    campaign_id: number;
    at: string;
    channel: string;
    address: string | null;
    status: string;
    reply: string | null;
    subject: string;
    kind: string;
  }>(
    sql`SELECT campaign_id, at, channel, address, status, reply, subject, kind FROM reminders WHERE unit_id = ${unitId} ORDER BY at`,
  );
  const years = campaigns
    .map((c) => {
      const mine = versions.filter((v) => v.campaign_id === c.id);
      const current = mine.find((v) => v.is_current === 1 && !v.deleted_at) ?? null;
      return {
        year: c.year,
        run: c.run === 1,
        title: c.title,
        deadline: c.deadline,
        current: current && {
          submissionId: current.id,
          receivedAt: current.received_at,
          late: current.late === 1,
          complete: current.completeness === 'complete',
          reviews: current.reviews,
          mean: current.mean === null ? null : Math.round(current.mean * 10) / 10,
          verdict: current.verdict,
          score: current.score,
          practice: current.practice === 1,
        },
        versions: mine.map((v) => ({
          submissionId: v.id,
          version: v.version,
          receivedAt: v.received_at,
          late: v.late === 1,
          source: v.source_label,
          current: v.is_current === 1,
          deleted: !!v.deleted_at,
        })),
        honored: honored.has(c.id),
        refused: refused
          .filter((r) => r.campaign_id === c.id)
          .map((r) => ({ label: r.label, message: r.message, at: r.imported_at })),
        reminders: reminders.filter((r) => r.campaign_id === c.id).map(({ campaign_id: _c, ...r }) => r),
      };
    })
    // A year not run in the app, or before the unit was named, with nothing in it, is not its history.
    .filter(
      (y) =>
        y.versions.length ||
        y.refused.length ||
        y.reminders.length ||
        (y.run && (unit.yearNamed === null || y.year >= unit.yearNamed)),
    );
  return {
    unit: { ...unit, starLevel: star },
    years,
    status: statusHistoryOf(orm, unitId),
    stars: starHistoryOf(orm, unitId),
  };
}
