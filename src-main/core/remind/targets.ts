import { sql } from 'drizzle-orm';
import type { Campaign } from '../campaigns/model';
import type { Orm } from '../db/open';
import { COUNTED_UNITS, CURRENT } from '../dashboard/dashboard';

export interface ReminderTarget {
  unitId: number;
  unitName: string;
  sector: string;
  contact: string;
  phone: string;
  email: string | null;
  /** 'missing': nothing came; 'refused': it came and was refused (why, in `detail`); 'incomplete': what it lacks. */
  situation: 'missing' | 'refused' | 'incomplete';
  detail: string;
}

export const SITUATION = { missing: '未报送', refused: '材料被拒收', incomplete: '材料不齐全' } as const;

/**
 * Whom to chase this campaign: counted units with no current submission (noting a refusal and
 * its reason) and those whose submission lacks something. One grouped query.
 */
export function reminderTargets(orm: Orm, campaign: Campaign): ReminderTarget[] {
  const rows = orm.all<{ id: number; name: string; sector: string | null; contact: string | null; phone: string | null; email: string | null; sid: number | null; completeness: string | null; problems: string | null; refused: string | null }>(sql`
    SELECT u.id, u.name, sec.name AS sector, u.contact, u.phone, u.email, s.id AS sid, s.completeness, s.problems,
      (SELECT i.message FROM intake_sources i WHERE i.campaign_id = ${campaign.id} AND i.unit_id = u.id AND i.status = 'rejected' ORDER BY i.id DESC LIMIT 1) AS refused
    FROM units u LEFT JOIN sectors sec ON sec.id = u.sector_id
    LEFT JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = ${campaign.id} AND ${CURRENT}
    WHERE ${COUNTED_UNITS} AND (s.id IS NULL OR s.completeness = 'incomplete')
    ORDER BY coalesce(sec.position, 1e9), u.id`);
  return rows.map((r) => {
    const base = { unitId: r.id, unitName: r.name, sector: r.sector ?? '未分配系统', contact: r.contact ?? '', phone: r.phone ?? '', email: r.email };
    if (r.sid !== null) {
      const problems = (JSON.parse(r.problems ?? '[]') as Array<{ message: string }>).map((p) => p.message);
      return { ...base, situation: 'incomplete', detail: problems.join('；') || '材料不齐全' };
    }
    if (r.refused) return { ...base, situation: 'refused', detail: r.refused };
    return { ...base, situation: 'missing', detail: `截至目前尚未收到材料` };
  });
}
