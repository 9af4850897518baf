import { Tag } from 'antd';
import type { OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';

type Checks = OpOutput<'reviews.badges'>;

/** The evidence checks of one submission (badges and photo dates), asked for once per submission. */
export function useEvidenceChecks(submissionId: number): Checks | undefined {
  return useOp('reviews.badges', { submissionId }, ['submissions'], { exact: true }).data;
}

/** Evidence checks at a glance: photo count, photo dates, reused photos, copied summaries, late, incomplete. */
export function Badges({ checks }: { checks: Checks | undefined }) {
  if (!checks?.badges.length) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }} data-testid="evidence-badges">
      {checks.badges.map((b) => (
        <Tag key={b.code} color={b.level === 'error' ? 'red' : 'orange'}>
          {b.text}
        </Tag>
      ))}
    </div>
  );
}
