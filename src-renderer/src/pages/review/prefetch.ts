import { call, thumbUrl } from '../../api/client';

const warmed = new Set<number>();

/**
 * While the reviewer reads one submission, the next one's photo thumbnails are made and fetched
 * and its summary converted (core keeps the result), so pressing J shows it at once. Best effort:
 * a failure here only means the next submission loads the ordinary way.
 */
export function prefetchEvidence(submissionId: number): void {
  if (warmed.has(submissionId)) return;
  warmed.add(submissionId);
  void call('submissions.get', { id: submissionId })
    .then((s) => {
      for (const f of s.files) {
        if (f.kind === 'photo') new Image().src = thumbUrl(f.sha256);
      }
      const summary = s.files.find((f) => f.kind === 'summary');
      if (summary) return call('files.preview', { sha256: summary.sha256 });
      return undefined;
    })
    .catch(() => warmed.delete(submissionId));
}
