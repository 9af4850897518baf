import { z } from 'zod';
import { defineOp } from '../contract/define';
import { runDoctor } from './doctor';

/** 设置 → 数据检查 and `desk doctor`. */
export const doctorOps = {
  'data.check': defineOp({
    callers: 'office',
    input: z
      .object({ repair: z.boolean().default(false), quick: z.boolean().default(false) })
      .default({ repair: false, quick: false }),
    changes: ['submissions', 'reviews'],
    heavy: true,
    // 修复 writes (sweeps, totals, current versions) under the long-write lock; a check only reads.
    longWrite: (input) => (input.repair ? '数据检查与修复' : null),
    run: (input, ctx, call) => runDoctor(ctx, call, input),
  }),
};
