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
import { callerOf } from '../reviewDay/status';

/** The app itself: what it is, where its data lives, the year at a glance, and stopping long work. */
export const appOps = {
  'app.info': defineOp({
    callers: 'reviewers-too',
    input: none,
    run: (_input, ctx, call) => {
      const you = callerOf(ctx.db.orm, call.principal);
      // Where the office keeps its data is the office's business: a reviewer's page is told only who they are.
      const paths = you.kind === 'office' ? { dataDir: ctx.dataDir, dbFile: ctx.dbFile, logFile: ctx.log.file } : null;
      return {
        name: '组委会工作台',
        version: ctx.version,
        mode: ctx.mode,
        dataDir: '',
        dbFile: '',
        logFile: '',
        ...paths,
        you,
      };
    },
  }),
  'app.overview': defineOp({
    callers: 'office',
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
  /**
   * Cancels one of the caller's own jobs by id, or all of them: another session's work (a colleague's import, a
   * reviewer's save) is not the caller's to stop. A hosted core asks each of its workers.
   */
  'jobs.cancel': defineOp({
    input: z.object({ job: z.string().max(100).optional() }).default({}),
    callers: 'reviewers-too',
    run: (input, ctx, call) => {
      const own = [...ctx.jobs].filter(([id, job]) => job.session === call.principal.session && id !== call.id);
      const targets = own.filter(([id]) => !input.job || id === input.job);
      targets.forEach(([, job]) => job.control.abort());
      return { cancelled: targets.length };
    },
  }),
};
