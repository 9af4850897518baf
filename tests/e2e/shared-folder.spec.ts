import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { root } from '../support/build';
import { makeRosterRows, rosterCsv } from '../support/rosterSheets';
import { expect, test } from './fixtures';

const run = promisify(execFile);

test('a CLI import beside the running app shows up in its window without a reload', async ({ openApp, app }) => {
  const page = await openApp('#/roster');
  await expect(page.getByTestId('roster-count')).toHaveText('共 0 个集体');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-csv-')), '名册.csv');
  fs.writeFileSync(file, rosterCsv(makeRosterRows(25), 'gbk'));
  const { stdout } = await run(process.execPath, [
    path.join(root, 'bin/desk.js'),
    '--data',
    app.dataDir,
    'units',
    'import',
    file,
    '--json',
  ]);
  expect(JSON.parse(stdout)).toMatchObject({ ok: true, value: { created: 25 } });
  await expect(page.getByTestId('roster-count')).toHaveText('共 25 个集体');
});
