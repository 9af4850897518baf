import { currentCampaign } from '../campaigns/campaigns';
import { z } from 'zod';
import { defineOp } from '../contract/define';
import { none } from '../contract/schemas';
import { intakeOverview } from '../intake/history';
import { aggregate } from '../review/aggregate';
import { reviewOverview } from '../review/overview';
import { countUnits } from '../roster/units';
import { listSectors } from '../roster/sectors';
import { backupHealth } from '../backup/auto';
import { memoUntilChange } from '../db/memo';

/** The app itself: what it is, where its data lives, the year at a glance, and stopping long work. */
export const appOps = {
  'app.info': defineOp({
    input: none,
    run: (_input, ctx) => ({
      name: '组委会工作台',
      version: ctx.version,
      dataDir: ctx.dataDir,
      dbFile: ctx.dbFile,
      logFile: ctx.log.file,
      mode: ctx.mode,
    }),
  }),
  'app.overview': defineOp({
    input: none,
    run: (_input, ctx) => {
      const figures = memoUntilChange(ctx.db.orm, 'overview', () => {
        const campaign = currentCampaign(ctx.db.orm);
        return {
          units: countUnits(ctx.db.orm),
          sectors: listSectors(ctx.db.orm),
          campaign,
          intake: campaign ? intakeOverview(ctx.db.orm, campaign.id) : null,
          review: campaign ? reviewOverview(aggregate(ctx.db.orm, campaign.id)) : null,
        };
      });
      /** 概览 warns when the newest backup is a week old or its folder cannot be reached. */
      return { ...figures, backup: backupHealth(ctx) };
    },
  }),
  /** Cancels one job by id, or every job of this core; a hosted core asks each of its workers. */
  'jobs.cancel': defineOp({
    input: z.object({ job: z.string().max(100).optional() }).default({}),
    run: (input, ctx) => {
      const targets = input.job ? [ctx.jobs.get(input.job)] : [...ctx.jobs.values()];
      targets.forEach((control) => control?.abort());
      return { cancelled: targets.filter(Boolean).length };
    },
  }),
};
