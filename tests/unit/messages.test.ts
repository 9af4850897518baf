import { describe, expect, it } from 'vitest';
import { openTestCore } from './helpers';

describe('no raw field path or code in a person’s message (#25 item 8)', () => {
  it('says what is wrong in Chinese, naming fields by their words; the paths stay in details for scripts', async () => {
    const t = openTestCore();
    const noVerdict = await t.callRaw('honors.preview', { rule: { type: 'verdict', verdicts: [] }, hand: [] });
    expect(noVerdict).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: '输入有误（等次：请至少选择一个等次）' },
    });
    expect(noVerdict.ok ? null : noVerdict.error.details).toEqual([
      { path: ['rule', 'verdicts'], message: '请至少选择一个等次' },
    ]);
    // zod's own wording (a number out of range, a wrong type) comes in Chinese too, with no path in it.
    const bad = await t.callRaw('reviews.save', { submissionId: -1, reviewerId: 'x', answers: {} });
    expect(bad.ok).toBe(false);
    const message = bad.ok ? '' : bad.error.message;
    expect(message).toMatch(/^输入有误（/);
    expect(message).not.toMatch(/submissionId|reviewerId|[A-Za-z]{4,}/);
  });
});
