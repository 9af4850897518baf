import { thumbUrl } from '../../api/client';
import { load } from '../../api/queries';

const warmed = new Set<string>();

/**
 * While the reviewer reads one submission, the next one's photo thumbnails are fetched and its
 * record, its summary and this reviewer's review of it loaded into the page's answer cache
 * (api/queries), so pressing J draws it — form included — at once. Best effort:
 * a failure here only means the next submission loads the ordinary way.
 */
export function prefetchEvidence(submissionId: number, reviewerId: number): void {
  const key = `${submissionId}:${reviewerId}`;
  if (warmed.has(key)) return;
  warmed.add(key);
  void load('reviews.badges', { submissionId }).catch(() => undefined);
  void load('reviews.get', { submissionId, reviewerId }).catch(() => undefined);
  void load('submissions.get', { id: submissionId })
    .then((s) => {
      for (const f of s.files) {
        if (f.kind === 'photo') new Image().src = thumbUrl(f.sha256);
      }
      const summary = s.files.find((f) => f.kind === 'summary');
      if (summary) return load('files.preview', { sha256: summary.sha256 });
      return undefined;
    })
    .catch(() => warmed.delete(key));
}
