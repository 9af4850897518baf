import { useCallback, useEffect, useRef, useState } from 'react';
import { desk, DeskCallError, type OpInput, type OpOutput } from '../../api/client';

type Review = OpOutput<'reviews.get'>;
export type Draft = Pick<OpInput<'reviews.save'>, 'answers' | 'bonus' | 'deduction' | 'adjustmentNote' | 'comment'> & { answers: NonNullable<OpInput<'reviews.save'>['answers']> };

const AUTOSAVE_MS = 600;

/**
 * The form's state for one submission, saved as the reviewer types (debounced) and flushed when
 * the page goes away, so closing the window mid-review loses nothing.
 */
export function useReviewDraft(submissionId: number, reviewerId: number) {
  const [review, setReview] = useState<Review | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<Draft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let live = true;
    setReview(null);
    setDraft(null);
    void desk.reviews.get({ submissionId, reviewerId }).then((r) => {
      if (!live) return;
      setReview(r);
      setDraft({ answers: r.answers, bonus: r.bonus, deduction: r.deduction, adjustmentNote: r.adjustmentNote, comment: r.comment });
    });
    return () => {
      live = false;
    };
  }, [submissionId, reviewerId]);

  const save = useCallback(
    async (status?: 'draft' | 'submitted') => {
      const next = pending.current ?? draft;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      pending.current = null;
      if (!next) return null;
      try {
        const saved = await desk.reviews.save({ submissionId, reviewerId, ...next, status: status ?? (review?.status === 'submitted' ? 'submitted' : 'draft') });
        setReview(saved);
        setSavedAt(new Date().toLocaleTimeString('zh-CN', { hour12: false }));
        setError(null);
        return saved;
      } catch (e) {
        setError(e instanceof DeskCallError ? e.message : '保存失败');
        if (status === 'submitted') throw e;
        return null;
      }
    },
    [draft, review?.status, submissionId, reviewerId],
  );

  const update = (change: (d: Draft) => Draft) => {
    setDraft((d) => {
      if (!d) return d;
      const next = change(d);
      pending.current = next;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
      return next;
    });
  };

  // Leaving the page, or moving to another submission: write what is pending now.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const flush = () => {
      if (pending.current) void saveRef.current();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [submissionId, reviewerId]);

  return { review, draft, update, save, savedAt, error };
}
