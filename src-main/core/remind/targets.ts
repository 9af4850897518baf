import { sql } from 'drizzle-orm';
import type { Campaign } from '../campaigns/model';
import type { Orm } from '../db/open';
import { COUNTED_UNITS, CURRENT } from '../dashboard/dashboard';
import { refusalWords } from './texts';
import type { RemindSituation } from '../../common/standing';

interface Problem {
  code: string;
  message: string;
}
interface Link {
  name: string | null;
  expiresAt: string | null;
}

export interface ReminderTarget {
  unitId: number;
  unitName: string;
  sector: string;
  contact: string;
  phone: string;
  email: string | null;
  /**
   * 'missing': nothing came; 'refused': it came and was refused; 'incomplete': what it lacks; 'link': a 超大附件 that
   * expired undownloaded.
   */
  situation: RemindSituation;
  /** For the office's own lists (the clerk's words: a refusal's message, a link's deadline). */
  detail: string;
  /** What the unit is told, in words meant for it: never the clerk's notes. */
  forUnit: { missing?: string; reason?: string; action?: string; attachment?: string };
}

/**
 * Whom to chase this campaign: counted units with no current submission (noting a refusal and
 * its reason) and those whose material, taken together, lacks something. A unit whose only gap is
 * a 超大附件 link still valid is the office's to download, not the unit's to resend: not chased.
 * One grouped query.
 */
export function reminderTargets(orm: Orm, campaign: Campaign): ReminderTarget[] {
  const rows = orm.all<{
    id: number;
    name: string;
    sector: string | null;
    contact: string | null;
    phone: string | null;
    email: string | null;
    sid: number | null;
    completeness: string | null;
    problems: string | null;
    links: string | null;
    refused: string | null;
    refused_code: string | null;
  }>(sql`
    SELECT u.id, u.name, sec.name AS sector, u.contact, u.phone, u.email, s.id AS sid, s.completeness, s.problems,
      (SELECT json_group_array(json(x.links)) FROM submissions x WHERE (x.id = s.id OR x.supplement_of = s.id) AND x.deleted_at IS NULL) AS links,
      (SELECT i.message FROM intake_sources i WHERE i.campaign_id = ${campaign.id} AND i.unit_id = u.id AND i.status = 'rejected' ORDER BY i.id DESC LIMIT 1) AS refused,
      (SELECT i.code FROM intake_sources i WHERE i.campaign_id = ${campaign.id} AND i.unit_id = u.id AND i.status = 'rejected' ORDER BY i.id DESC LIMIT 1) AS refused_code
    FROM units u LEFT JOIN sectors sec ON sec.id = u.sector_id
    LEFT JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = ${campaign.id} AND ${CURRENT}
    WHERE ${COUNTED_UNITS} AND (s.id IS NULL OR s.completeness = 'incomplete')
    ORDER BY coalesce(sec.position, 1e9), u.id`);
  const now = Date.now();
  return rows.flatMap((r): ReminderTarget[] => {
    const base = {
      unitId: r.id,
      unitName: r.name,
      sector: r.sector ?? '未分配系统',
      contact: r.contact ?? '',
      phone: r.phone ?? '',
      email: r.email,
    };
    if (r.sid !== null) {
      const problems = JSON.parse(r.problems ?? '[]') as Problem[];
      const owed = problems.filter((p) => p.code !== 'large-attachment-link');
      if (owed.length)
        return [
          {
            ...base,
            situation: 'incomplete',
            detail: owed.map((p) => p.message).join('；'),
            forUnit: { missing: owed.map((p) => p.message).join('；') },
          },
        ];
      const expired = (JSON.parse(r.links ?? '[]') as Link[][])
        .flat()
        .filter((l) => l.expiresAt && Date.parse(l.expiresAt) < now);
      if (!expired.length) return [];
      const names = expired.map((l) => l.name ?? '超大附件').join('、');
      return [{ ...base, situation: 'link', detail: `超大附件已过期未下载：${names}`, forUnit: { attachment: names } }];
    }
    if (r.refused) return [{ ...base, situation: 'refused', detail: r.refused, forUnit: refusalWords(r.refused_code) }];
    return [{ ...base, situation: 'missing', detail: `截至目前尚未收到材料`, forUnit: {} }];
  });
}
