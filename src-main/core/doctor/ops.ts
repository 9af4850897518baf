import { z } from 'zod';
import { defineOp } from '../contract/define';
import { runDoctor } from './doctor';

/** 设置 → 数据检查 and `desk doctor`. */
export const doctorOps = {
  'data.check': defineOp({
    input: z
      .object({ repair: z.boolean().default(false), quick: z.boolean().default(false) })
      .default({ repair: false, quick: false }),
    changes: ['submissions', 'reviews'],
    heavy: true,
    run: (input, ctx, call) => runDoctor(ctx, call, input),
  }),
};
