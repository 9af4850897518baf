import { Tag } from 'antd';
import { useOp } from '../../api/useOp';

/** Evidence checks at a glance: photo count, photo dates, reused photos, copied summaries, late, incomplete. */
export function Badges({ submissionId }: { submissionId: number }) {
  const badges = useOp('reviews.badges', { submissionId }, ['submissions']);
  if (!badges.data?.badges.length) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }} data-testid="evidence-badges">
      {badges.data.badges.map((b) => (
        <Tag key={b.code} color={b.level === 'error' ? 'red' : 'orange'}>
          {b.text}
        </Tag>
      ))}
    </div>
  );
}

export function usePhotoDates(submissionId: number): Record<string, string> {
  return useOp('reviews.badges', { submissionId }, ['submissions']).data?.photoDates ?? {};
}
