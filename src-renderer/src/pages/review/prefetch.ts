import { thumbUrl } from '../../api/client';
import { load } from '../../api/opCache';

const warmed = new Set<number>();

/**
 * While the reviewer reads one submission, the next one's photo thumbnails are fetched and its
 * record and summary loaded into the page's answer cache (opCache), so pressing J draws it at
 * once. Best effort:
 * a failure here only means the next submission loads the ordinary way.
 */
export function prefetchEvidence(submissionId: number): void {
  if (warmed.has(submissionId)) return;
  warmed.add(submissionId);
  void load('reviews.badges', { submissionId }).catch(() => undefined);
  void load('submissions.get', { id: submissionId })
    .then((s) => {
      for (const f of s.files) {
        if (f.kind === 'photo') new Image().src = thumbUrl(f.sha256);
      }
      const summary = s.files.find((f) => f.kind === 'summary');
      if (summary) return load('files.preview', { sha256: summary.sha256 });
      return undefined;
    })
    .catch(() => warmed.delete(submissionId));
}
