import { chinaDay } from '../../common/chinaTime';
import { defineOp } from '../contract/define';
import { none } from '../contract/schemas';
import { makeArtifact } from '../transfer/artifacts';
import { auditQuerySchema, listAudit, officeUser, officeUserSchema, setOfficeUser, UNNAMED_USER } from './log';
import { writeAuditWorkbook } from './workbook';

/** 操作记录: read and export only — no operation edits or removes an entry. */
export const auditOps = {
  'audit.list': defineOp({
    callers: 'office',
    input: auditQuerySchema,
    run: (query, ctx) => listAudit(ctx.db.orm, query),
  }),
  'audit.export': defineOp({
    callers: 'office',
    input: auditQuerySchema,
    heavy: true,
    run: async (query, ctx) => {
      let rows = 0;
      const artifact = await makeArtifact(ctx.dataDir, `操作记录-${chinaDay()}.xlsx`, async (file) => {
        rows = await writeAuditWorkbook(ctx.db.orm, query, file);
      });
      return { rows, artifact };
    },
  }),
  'audit.user': defineOp({
    callers: 'office',
    input: none,
    run: (_input, ctx) => ({ name: officeUser(ctx.db.orm), unnamed: UNNAMED_USER }),
  }),
  'audit.setUser': defineOp({
    callers: 'office',
    input: officeUserSchema,
    changes: ['settings'],
    run: (input, ctx) => ({ name: setOfficeUser(ctx.db.orm, input.name) }),
    audit: (input) => ({ action: 'settings', summary: `使用人设为「${input.name}」` }),
  }),
};
