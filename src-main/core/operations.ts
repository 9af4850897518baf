import type { z } from 'zod';
import { appOps } from './app/ops';
import { auditOps } from './audit/ops';
import { backupOps } from './backup/ops';
import { doctorOps } from './doctor/ops';
import { campaignOps } from './campaigns/ops';
import { dashboardOps } from './dashboard/ops';
import { dynamicsOps } from './dynamics/ops';
import { remindOps } from './remind/ops';
import { combineOps } from './contract/define';
import { evidenceOps } from './evidence/ops';
import { exportOps } from './export/ops';
import { honorsOps } from './honors/ops';
import { intakeOps } from './intake/ops';
import { mailOps } from './mail/ops';
import { packageOps } from './review/package/ops';
import { reviewOps } from './review/ops';
import { reviewDayOps } from './reviewDay/ops';
import { rosterOps } from './roster/ops';
import { searchOps } from './search/ops';

/**
 * The one table the shells bind (Electron IPC, browser-mode HTTP, the CLI) and the renderer's
 * client is typed from. Each domain declares its operations in its own ops.ts; a name declared
 * twice stops the app here, at start-up.
 */
export const operations = combineOps({
  app: appOps,
  roster: rosterOps,
  campaigns: campaignOps,
  intake: intakeOps,
  mail: mailOps,
  review: reviewOps,
  evidence: evidenceOps,
  reviewPackages: packageOps,
  reviewDay: reviewDayOps,
  honors: honorsOps,
  export: exportOps,
  backup: backupOps,
  doctor: doctorOps,
  audit: auditOps,
  dashboard: dashboardOps,
  dynamics: dynamicsOps,
  remind: remindOps,
  search: searchOps,
});

type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<N extends OpName> = z.input<Operations[N]['input']>;
export type OpOutput<N extends OpName> = Awaited<ReturnType<Operations[N]['run']>>;

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}
