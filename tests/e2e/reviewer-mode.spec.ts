import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { root } from '../support/build';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, test } from './fixtures';

const run = promisify(execFile);
const desk = (...args: string[]) => run(process.execPath, [path.join(root, 'bin/desk.js'), ...args]);

test('a reviewer laptop that opened a 评审包 shows only that package, with the reviewer set', async ({
  openApp,
  app,
}) => {
  const office = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-office-'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-work-'));
  fs.writeFileSync(path.join(work, 'roster.csv'), '集体名称\n柳州银行营业部\n柳州市图书馆少儿部\n');
  await desk('--data', office, 'units', 'import', path.join(work, 'roster.csv'));
  for (const unit of ['柳州银行营业部', '柳州市图书馆少儿部']) {
    fs.writeFileSync(
      path.join(work, `${unit}.zip`),
      writeZip([
        { name: '总结.docx', data: makeDocx(`${unit}的工作总结`) },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(unit.length * 10 + i, 30) })),
      ]),
    );
    await desk('--data', office, 'import', path.join(work, `${unit}.zip`));
  }
  await desk('--data', office, 'reviewers', 'add', '王老师');
  const pkg = path.join(work, '王老师.deskreview');
  await desk('--data', office, 'review', 'export-package', '--reviewer', '王老师', pkg);
  await desk('--data', app.dataDir, 'review', 'open-package', pkg);

  const page = await openApp();
  await expect(page.getByTestId('reviewer-mode')).toHaveText('离线评审模式：王老师 · 2022年度 · 2 份材料');
  await expect(page.getByRole('menuitem')).toHaveText(['评审', '设置']);
  await expect(page.getByTestId('review-queue')).toContainText('柳州银行营业部');
  await expect(page.getByTestId('review-queue')).toContainText('柳州市图书馆少儿部');
  await expect(page.getByTestId('summary-html')).toContainText('的工作总结');
  await saveScreenshot(page, '16-reviewer-mode');
});
