import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { desk, DeskCallError, onConnection, type OpInput, type OpOutput } from '../../api/client';
import { cached, load, prime } from '../../api/queries';

type Review = OpOutput<'reviews.get'>;
export type Draft = Pick<OpInput<'reviews.save'>, 'answers' | 'bonus' | 'deduction' | 'adjustmentNote' | 'comment'> & {
  answers: NonNullable<OpInput<'reviews.save'>['answers']>;
};
interface Target {
  submissionId: number;
  reviewerId: number;
}
/** A save refused because the review changed elsewhere since this page read it: both versions, side by side. */
export interface Conflict {
  theirs: Review;
  mine: Draft;
  status: 'draft' | 'submitted';
}
interface Shown {
  key: string;
  review: Review | null;
  draft: Draft | null;
  savedAt: string | null;
  error: string | null;
  conflict: Conflict | null;
}

const AUTOSAVE_MS = 600;
const keyOf = (t: Target) => `${t.submissionId}:${t.reviewerId}`;
const draftOf = (r: Review): Draft => ({
  answers: r.answers,
  bonus: r.bonus,
  deduction: r.deduction,
  adjustmentNote: r.adjustmentNote,
  comment: r.comment,
});

/** The review as last seen (a prefetch, or this reviewer's own last save), shown while it is asked again. */
function fromCache(target: Target): Shown {
  const review = cached('reviews.get', target) ?? null;
  return { key: keyOf(target), review, draft: review && draftOf(review), savedAt: null, error: null, conflict: null };
}

/**
 * The form's state for one submission, saved as the reviewer types (debounced) and flushed when
 * the page goes away or the reviewer moves on, so nothing typed is lost. Every save names the
 * submission it was typed for: the page moves on before the save of the last one has left.
 *
 * Every save also names the version it was typed on, and saves leave one after another, each
 * naming the version the last one made: a save typed on a review that changed elsewhere since
 * (another tab, the office's 退回) is refused, and the form shows both until the reviewer chooses.
 */
export function useReviewDraft(submissionId: number, reviewerId: number) {
  const target: Target = { submissionId, reviewerId };
  const key = keyOf(target);
  // What core last said of this submission's review (or the cache), and what was typed since;
  // derived per submission, so moving on draws the next one's form in the same render.
  const fromStore = useMemo(() => fromCache({ submissionId, reviewerId }), [submissionId, reviewerId]);
  // The version each form's text was typed on (set whenever the form takes a review's text).
  const known = useRef(new Map<string, number | null>());
  if (fromStore.review && !known.current.has(key)) known.current.set(key, fromStore.review.version);
  const conflicts = useRef(new Map<string, Conflict>());
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [changed, setChanged] = useState<{ visit: Shown; shown: Shown } | null>(null);
  const current = changed?.visit === fromStore ? changed.shown : fromStore;
  const visit = useRef(fromStore);
  visit.current = fromStore;
  const pending = useRef<{ target: Target; draft: Draft; status: 'draft' | 'submitted' } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const held = useRef<{ target: Target; draft: Draft; status: 'draft' | 'submitted' } | null>(null);

  /** Applies to what is on screen only if it is still that submission's form. */
  const patch = useCallback((forKey: string, change: (s: Shown) => Shown) => {
    // Only while the form still shows that submission (this visit of it).
    const at = visit.current;
    if (at.key !== forKey) return;
    setChanged((c) => {
      const from = c?.visit === at ? c.shown : at;
      const next = change(from);
      return next === from ? c : { visit: at, shown: next };
    });
  }, []);

  useEffect(() => {
    // Always asked again: another window, a package or the CLI may have changed it since.
    void load('reviews.get', { submissionId, reviewerId }, true).then(
      (r) =>
        patch(`${submissionId}:${reviewerId}`, (s) => {
          if (s.review === r || pending.current || s.conflict) return s;
          known.current.set(`${submissionId}:${reviewerId}`, r.version);
          return { ...s, review: r, draft: draftOf(r) };
        }),
      (e: unknown) =>
        patch(`${submissionId}:${reviewerId}`, (s) => ({
          ...s,
          error: e instanceof DeskCallError ? e.message : '无法读取评审',
        })),
    );
  }, [submissionId, reviewerId, patch]);

  const send = useCallback(
    async (to: Target, next: Draft, status: 'draft' | 'submitted') => {
      const forKey = keyOf(to);
      const open = conflicts.current.get(forKey);
      if (open) {
        // Nothing is written until the reviewer has chosen; what they type meanwhile is theirs.
        conflicts.current.set(forKey, { ...open, mine: next });
        patch(forKey, (s) => ({ ...s, conflict: { ...open, mine: next } }));
        return null;
      }
      try {
        const basedOn = known.current.get(forKey);
        const saved = prime('reviews.get', to, await desk.reviews.save({ ...to, ...next, status, basedOn }));
        known.current.set(forKey, saved.version);
        patch(forKey, (s) => ({
          ...s,
          review: saved,
          savedAt: new Date().toLocaleTimeString('zh-CN', { hour12: false }),
          error: null,
        }));
        return saved;
      } catch (e) {
        if (e instanceof DeskCallError && e.code === 'conflict') {
          const found: Conflict = { theirs: (e.details as { current: Review }).current, mine: next, status };
          conflicts.current.set(forKey, found);
          patch(forKey, (s) => ({ ...s, conflict: found, error: null }));
          if (status === 'submitted') throw e;
          return null;
        }
        // The server is away: what was typed is held and written when it answers again.
        if (e instanceof DeskCallError && e.code === 'offline') held.current = { target: to, draft: next, status };
        patch(forKey, (s) => ({
          ...s,
          error:
            e instanceof DeskCallError
              ? e.code === 'offline'
                ? '暂时连不上程序：所填内容已保留在本页，连上后自动保存'
                : e.message
              : '保存失败',
        }));
        if (status === 'submitted') throw e;
        return null;
      }
    },
    [patch],
  );

  /** One save at a time: the next names the version the last one made. */
  const write = useCallback(
    (to: Target, next: Draft, status: 'draft' | 'submitted') => {
      const run = chain.current.then(() => send(to, next, status));
      chain.current = run.catch(() => null);
      return run;
    },
    [send],
  );

  /** The reviewer's choice after a refused save: their own text over the newer version, or the newer version. */
  const resolve = useCallback(
    (keep: 'mine' | 'theirs') => {
      const found = conflicts.current.get(key);
      if (!found) return Promise.resolve(null);
      conflicts.current.delete(key);
      known.current.set(key, found.theirs.version);
      const to = { submissionId, reviewerId };
      if (keep === 'mine') {
        patch(key, (s) => ({ ...s, conflict: null, draft: found.mine }));
        return write(to, found.mine, found.status);
      }
      prime('reviews.get', to, found.theirs);
      patch(key, (s) => ({ ...s, conflict: null, review: found.theirs, draft: draftOf(found.theirs) }));
      return Promise.resolve(found.theirs);
    },
    [key, submissionId, reviewerId, patch, write],
  );

  /** Writes what is waiting (for whichever submission it was typed). */
  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const waiting = pending.current;
    pending.current = null;
    return waiting ? write(waiting.target, waiting.draft, waiting.status) : Promise.resolve(null);
  }, [write]);

  const { review, draft } = current;
  const save = useCallback(
    async (status?: 'draft' | 'submitted') => {
      const next = pending.current?.target && keyOf(pending.current.target) === key ? pending.current.draft : draft;
      if (!next) return null;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      pending.current = null;
      return write(
        { submissionId, reviewerId },
        next,
        status ?? (review?.status === 'submitted' ? 'submitted' : 'draft'),
      );
    },
    [draft, review?.status, key, submissionId, reviewerId, write],
  );

  // One function for the life of the form, so answering one item redraws only that item.
  const typed = useRef({ key, status: 'draft' as 'draft' | 'submitted', target });
  typed.current = { key, status: review?.status === 'submitted' ? 'submitted' : 'draft', target };
  const update = useCallback(
    (change: (d: Draft) => Draft) => {
      const { key: forKey, status, target: to } = typed.current;
      patch(forKey, (s) => {
        if (!s.draft) return s;
        const next = change(s.draft);
        pending.current = { target: to, draft: next, status };
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
        return { ...s, draft: next };
      });
    },
    [patch, flush],
  );

  // Back online: the save that could not leave is written now (unless newer typing replaced it).
  useEffect(
    () =>
      onConnection((online) => {
        const waiting = held.current;
        if (!online || !waiting) return;
        held.current = null;
        if (!pending.current) void write(waiting.target, waiting.draft, waiting.status);
      }),
    [write],
  );

  // Leaving the page, or moving to another submission: write what is pending now.
  useEffect(() => {
    const leave = () => void flush();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      void flush();
    };
  }, [key, flush]);

  return {
    review,
    draft,
    update,
    save,
    savedAt: current.savedAt,
    error: current.error,
    conflict: current.conflict,
    resolve,
  };
}
