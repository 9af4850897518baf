import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureBuilt, root } from '../support/build';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles } from './helpers';
import { FIXTURES } from '../support/sharedFixtures';
import { writerDocument } from '../support/wordDoc';
import { runAutoBackup } from '../../src-main/core/backup/auto';
import { backupsToRemove, listBackups } from '../../src-main/core/backup/rotation';
import { readBackupState, updateBackupState } from '../../src-main/core/backup/state';
import { findResourcesDir } from '../../src-main/core/dataFolder/resources';
import { openDatabase } from '../../src-main/core/db/open';
import { FileLog } from '../../src-main/core/host/log';
import { WriteLock } from '../../src-main/core/locks/writeLock';
import { FileStore } from '../../src-main/core/store/store';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

async function yearOfWork(t: TestCore) {
  const units = [];
  for (const [index, name] of ['柳州银行营业部', '市中院立案庭', '城中区税务局办税服务厅'].entries()) {
    const unit = await t.call('units.create', { name, sectorId: await sectorOf(t, '金融团工委') });
    units.push(unit);
    const file = path.join(tempDir(), `${name}.zip`);
    fs.writeFileSync(
      file,
      writeZip([
        { name: '工作总结.docx', data: makeDocx(`${name}的工作总结`) },
        ...[1, 2].map((i) => ({ name: `照片${i}.png`, data: makePng(i + 3 * index + 5, 7) })),
      ]),
    );
    await t.call('intake.import', { files: localFiles([file]) });
  }
  const reviewer = await t.call('reviewers.create', { name: '王老师' });
  const [campaign] = await t.call('campaigns.list');
  const submissions = await t.call('submissions.list', {});
  const first = campaign!.items[0]!;
  await t.call('reviews.save', {
    submissionId: submissions[0]!.id,
    reviewerId: reviewer.id,
    answers: { [first.id]: { done: true } },
    comment: '第一稿',
  });
  await t.call('reviews.save', {
    submissionId: submissions[0]!.id,
    reviewerId: reviewer.id,
    answers: { [first.id]: { done: false } },
    comment: '第二稿',
  });
  return { reviewer, submissions };
}

/** What the office would compare after moving to a new PC: every list, a review's history and every file's bytes. */
async function everything(t: TestCore, reviewerId: number) {
  const submissions = await t.call('submissions.list', {});
  const files: Record<string, string> = {};
  for (const s of submissions) {
    const detail = await t.call('submissions.get', { id: s.id });
    for (const f of detail.files) {
      const stored = await t.core.storedFile(f.sha256);
      files[f.sha256] = crypto.createHash('sha256').update(fs.readFileSync(stored.path)).digest('hex');
    }
  }
  return {
    units: await t.call('units.list', {}),
    campaigns: await t.call('campaigns.list'),
    submissions,
    reviewers: await t.call('reviewers.list'),
    reviews: await t.call('reviews.list', {}),
    history: await t.call('reviews.history', { submissionId: submissions[0]!.id, reviewerId }),
    files,
  };
}

/** Where each entry's bytes sit in a tar (ustar headers: name at 0, octal size at 124). */
function tarEntries(tar: Buffer): Array<{ name: string; offset: number; size: number }> {
  const entries = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(
      tar
        .subarray(at + 124, at + 136)
        .toString('ascii')
        .replace(/\0.*$/s, '')
        .trim(),
      8,
    );
    entries.push({ name, offset: at + 512, size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

describe('backup and restore', () => {
  it('a backup restored onto a fresh data folder (a new PC) reproduces every list, the review history and every file', async () => {
    const office = openTestCore();
    const { reviewer } = await yearOfWork(office);
    const before = await everything(office, reviewer.id);
    expect(Object.keys(before.files).length).toBe(9);
    const target = path.join(tempDir(), '备份.deskbackup');
    const made = await office.call('backup.create', { to: { path: target } });
    expect(made).toMatchObject({ file: target, files: 9, missing: 0, damaged: 0, kind: 'manual' });
    expect(fs.statSync(target).size).toBe(made.size);

    const newPc = openTestCore();
    const restored = await newPc.call('backup.restore', { file: { path: target }, acceptUnverified: true });
    expect(restored).toMatchObject({
      restored: { files: 9, appVersion: 'test', kind: 'manual' },
      migrated: false,
      filesReused: 0,
    });
    expect(restored.undo).toMatchObject({ kind: 'before-restore' });
    expect(await everything(newPc, reviewer.id)).toEqual(before);
    const db = new Database(path.join(newPc.dataDir, 'desk.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // Nothing staged stays behind.
    expect(fs.readdirSync(path.join(newPc.dataDir, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('restoring replaces what was there (its extra files removed) and the copy it took first undoes it', async () => {
    const office = openTestCore();
    const { reviewer } = await yearOfWork(office);
    const backup = await office.call('backup.create', {});
    const before = await everything(office, reviewer.id);
    const extra = path.join(tempDir(), '新单位.zip');
    await office.call('units.create', { name: '新来的单位', sectorId: await sectorOf(office, '金融团工委') });
    fs.writeFileSync(extra, writeZip([{ name: '新来的单位总结.docx', data: makeDocx('后来收到的') }]));
    await office.call('intake.import', { files: localFiles([extra]) });
    const after = await everything(office, reviewer.id);
    expect(after.submissions.length).toBe(4);

    const restored = await office.call('backup.restore', { name: path.basename(backup.file) });
    expect(restored.filesReused).toBe(9);
    expect(await everything(office, reviewer.id)).toEqual(before);
    const storeFiles = fs
      .readdirSync(path.join(office.dataDir, 'files'))
      .filter((d) => /^[0-9a-f]{2}$/.test(d))
      .flatMap((d) => fs.readdirSync(path.join(office.dataDir, 'files', d)));
    expect(storeFiles.sort()).toEqual(Object.keys(before.files).sort());

    await office.call('backup.restore', { name: path.basename(restored.undo!.file) });
    expect(await everything(office, reviewer.id)).toEqual(after);
    const status = await office.call('backup.status');
    expect(status.backups.map((b) => b.kind).sort()).toEqual(['before-restore', 'before-restore', 'manual']);
    expect(status.stale).toBe(false);
  });

  it('a restored backup whose tables were written as often as the live ones is not mistaken for them by kept answers', async () => {
    // Two folders that did the same writes with different data: the write counts alone cannot tell them apart.
    const a = openTestCore();
    const b = openTestCore();
    await a.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(a, '金融团工委') });
    await b.call('units.create', { name: '柳州市第一中学团委', sectorId: await sectorOf(b, '教育团工委') });
    const sectorsOf = async (t: TestCore) =>
      (await t.call('dashboard.data', {})).sectors.filter((s) => s.units > 0).map((s) => s.sectorId);
    expect(await sectorsOf(b)).toEqual([8]);
    const backup = await a.call('backup.create', { to: { path: path.join(tempDir(), 'a.deskbackup') } });
    await b.call('backup.restore', { file: { path: backup.file }, acceptUnverified: true });
    expect(await sectorsOf(b)).toEqual([6]);
  });

  it('refuses a file that is not a backup, a truncated one, one with a changed file, and one from a newer schema — changing nothing', async () => {
    const office = openTestCore();
    await yearOfWork(office);
    const good = (await office.call('backup.create', { to: { path: path.join(tempDir(), 'good.deskbackup') } })).file;
    const bytes = fs.readFileSync(good);
    const target = openTestCore();
    await target.call('units.create', { name: '本机已有的单位', sectorId: await sectorOf(target, '金融团工委') });
    const unitsBefore = await target.call('units.list', {});
    const attempt = async (name: string, data: Buffer) => {
      const file = path.join(tempDir(), name);
      fs.writeFileSync(file, data);
      const result = await target.callRaw('backup.restore', { file: { path: file }, acceptUnverified: true });
      expect(await target.call('units.list', {})).toEqual(unitsBefore);
      return result;
    };
    expect(await attempt('名册.xlsx', Buffer.from('PK\x03\x04 not a backup at all'))).toMatchObject({
      ok: false,
      error: { code: 'not-a-backup' },
    });
    expect(await attempt('empty.deskbackup', Buffer.alloc(0))).toMatchObject({
      ok: false,
      error: { code: 'not-a-backup' },
    });
    const truncated = await attempt('cut.deskbackup', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(truncated).toMatchObject({ ok: false, error: { code: 'backup-damaged' } });
    expect((truncated as { error: { message: string } }).error.message).toMatch(/截断|中断/);

    // One byte changed inside the largest stored file (a summary), not in the tar's padding.
    const largest = tarEntries(bytes)
      .filter((e) => e.name.startsWith('files/'))
      .sort((a, b) => b.size - a.size)[0]!;
    const flipped = Buffer.from(bytes);
    const at = largest.offset + Math.floor(largest.size / 2);
    flipped[at] = flipped[at]! ^ 0xff;
    const changed = await attempt('changed.deskbackup', flipped);
    expect(changed).toMatchObject({ ok: false, error: { code: 'backup-damaged' } });

    // A backup whose header says a newer schema made it.
    const first = tarEntries(bytes)[0]!;
    expect(first.name).toBe('backup.json');
    const json = bytes.subarray(first.offset, first.offset + first.size).toString('utf8');
    const parsed = JSON.parse(json) as { schema: { migrations: number } };
    const newer = Buffer.from(bytes);
    const bumped = json.replace(
      `"migrations":${parsed.schema.migrations}`,
      `"migrations":${parsed.schema.migrations + 9}`,
    );
    expect(bumped.length).toBe(json.length);
    newer.write(bumped, 512, 'utf8');
    // The tar header's checksum covers only the header block, so the entry stays readable.
    const tooNew = await attempt('newer.deskbackup', newer);
    expect(tooNew).toMatchObject({ ok: false, error: { code: 'backup-too-new' } });
    expect((tooNew as { error: { message: string } }).error.message).toContain('test');
    expect(fs.readdirSync(path.join(target.dataDir, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it.each([
    ['read back on the writer’s thread', () => ({})],
    [
      'read back on a thread of its own',
      () => (ensureBuilt(), { verifyThread: path.join(root, 'out/main/verifyThread.js') }),
    ],
  ])(
    'a stored file damaged on this disk is left out of the backup and reported (%s); the backup is still restorable',
    async (_how, threads) => {
      const office = openTestCore(tempDir(), threads());
      await yearOfWork(office);
      const [one] = (await office.call('submissions.list', {}))[0]!.files;
      const stored = path.join(office.dataDir, 'files', one!.sha256.slice(0, 2), one!.sha256);
      const bytes = fs.readFileSync(stored);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = bytes[middle]! ^ 0xff;
      fs.writeFileSync(stored, bytes);
      const made = await office.call('backup.create', {});
      expect(made).toMatchObject({ files: 8, damaged: 1, missing: 0 });
      const fresh = openTestCore();
      expect(
        await fresh.call('backup.restore', { name: path.basename(made.file) }).catch((e: { code: string }) => e.code),
      ).toBe('not-found');
      const restored = await fresh.call('backup.restore', { file: { path: made.file }, acceptUnverified: true });
      expect(restored.restored.files).toBe(8);
      expect((await fresh.call('submissions.list', {})).length).toBe(3);
    },
  );

  it('the app refuses a data folder written by a newer version, saying which', async () => {
    const dataDir = tempDir();
    openTestCore(dataDir).core.close();
    const db = new Database(path.join(dataDir, 'desk.sqlite'));
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'future',
      Date.now() + 10 ** 10,
    );
    db.prepare("UPDATE settings SET value = ? WHERE key = 'app.version'").run(JSON.stringify('9.9.0'));
    db.close();
    expect(() => openTestCore(dataDir)).toThrow(/更新版本的组委会工作台（9\.9\.0）/);
  });

  it('an automatic backup is skipped when nothing changed, made when something did, waits for a long write, and records a failure', async () => {
    const office = openTestCore();
    await yearOfWork(office);
    const dataDir = office.dataDir;
    const db = openDatabase({
      file: path.join(dataDir, 'desk.sqlite'),
      migrationsFolder: path.join(findResourcesDir(), 'migrations'),
      backupsDir: path.join(dataDir, 'backups'),
      migrate: false,
    });
    const ctx = {
      db,
      store: new FileStore(dataDir),
      dataDir,
      version: 'test',
      writeLock: new WriteLock(path.join(dataDir, 'locks')),
      log: new FileLog(dataDir),
    };
    try {
      const hour = 3_600_000;
      const t0 = Date.now();
      const first = await runAutoBackup(ctx, t0);
      expect(first).toMatchObject({ kind: 'auto', files: 9 });
      expect(await runAutoBackup(ctx, t0 + hour)).toBeNull(); // not due: checked an hour ago
      expect(await runAutoBackup(ctx, t0 + 25 * hour)).toBeNull(); // due, but nothing changed
      expect(listBackups(path.join(dataDir, 'backups')).filter((b) => b.kind === 'auto')).toHaveLength(1);
      expect(readBackupState(dataDir).lastCheck).not.toBeNull();

      await office.call('units.create', { name: '后来加入的单位', sectorId: await sectorOf(office, '金融团工委') });
      const lockHeld = ctx.writeLock.run('导入材料', async () => runAutoBackup(ctx, t0 + 50 * hour));
      expect(await lockHeld).toBeNull(); // a long write is running: wait for the next tick
      const second = await runAutoBackup(ctx, t0 + 50 * hour);
      expect(second).toMatchObject({ kind: 'auto' });
      expect(second!.databaseSha256).not.toBe(first!.databaseSha256);
      expect((await office.call('backup.status')).newestAt).toBe(second!.createdAt);

      const notAFolder = path.join(tempDir(), '占位文件');
      fs.writeFileSync(notAFolder, 'x');
      updateBackupState(dataDir, (state) => ({
        ...state,
        settings: { auto: true, folder: path.join(notAFolder, '备份') },
      }));
      await office.call('units.create', { name: '再后来的单位', sectorId: await sectorOf(office, '金融团工委') });
      expect(await runAutoBackup(ctx, t0 + 80 * hour)).toBeNull();
      const status = await office.call('backup.status');
      expect(status).toMatchObject({ reachable: false, lastError: { message: expect.any(String) } });
      const overview = await office.call('app.overview');
      expect(overview.backup).toMatchObject({ reachable: false });
    } finally {
      db.close();
    }
  });

  it('keeps 7 daily and 4 weekly automatic backups, the newest 5 taken before restores, and every backup made by hand', () => {
    const day = 86_400_000;
    const start = Date.parse('2026-12-01T02:00:00Z');
    const listing = [];
    for (let i = 0; i < 60; i++) {
      listing.push({
        name: `auto-${i}`,
        kind: 'auto' as const,
        size: 1,
        madeAt: new Date(start - i * day).toISOString(),
      });
      if (i < 3)
        listing.push({
          name: `auto-${i}-b`,
          kind: 'auto' as const,
          size: 1,
          madeAt: new Date(start - i * day - 3_600_000).toISOString(),
        });
    }
    for (let i = 0; i < 8; i++)
      listing.push({
        name: `restore-${i}`,
        kind: 'before-restore' as const,
        size: 1,
        madeAt: new Date(start - i * day).toISOString(),
      });
    listing.push({
      name: 'by-hand',
      kind: 'manual' as const,
      size: 1,
      madeAt: new Date(start - 400 * day).toISOString(),
    });
    listing.sort((a, b) => b.madeAt.localeCompare(a.madeAt));
    const removed = new Set(backupsToRemove(listing).map((b) => b.name));
    const kept = listing.filter((b) => !removed.has(b.name));
    expect(kept.filter((b) => b.kind === 'auto').map((b) => b.name)).toEqual([
      'auto-0',
      'auto-1',
      'auto-2',
      'auto-3',
      'auto-4',
      'auto-5',
      'auto-6',
      expect.any(String),
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    const weekly = kept
      .filter((b) => b.kind === 'auto')
      .slice(7)
      .map((b) => Date.parse(b.madeAt));
    for (let i = 1; i < weekly.length; i++) expect(weekly[i - 1]! - weekly[i]!).toBe(7 * day);
    expect(kept.filter((b) => b.kind === 'before-restore')).toHaveLength(5);
    expect(kept.some((b) => b.name === 'by-hand')).toBe(true);
  });
});

describe('backup of material other programs wrote', () => {
  it.skipIf(!needs('fixtures', 'soffice'))(
    'real ZIPs and e-mails from ../shared/fixtures and a LibreOffice .docx come back byte for byte on a fresh folder',
    async () => {
      const office = openTestCore();
      const files = [
        path.join(FIXTURES, 'zip_gbk', 'gbk_win_explorer_xinjianwenjianjia.zip'),
        path.join(FIXTURES, 'zip_gbk', 'gbk_plus_7075_qige_fangjian.zip'),
        ...fs
          .readdirSync(path.join(FIXTURES, 'eml'))
          .filter((n) => n.endsWith('.eml'))
          .map((n) => path.join(FIXTURES, 'eml', n)),
      ];
      const docx = writerDocument('柳州银行营业部2022年度工作总结', 'docx');
      {
        const zip = path.join(tempDir(), '柳州银行营业部.zip');
        fs.writeFileSync(zip, writeZip([{ name: '工作总结.docx', data: docx! }]));
        files.push(zip);
      }
      await office.call('intake.import', { files: localFiles(files) });
      const submissions = await office.call('submissions.list', {});
      expect(submissions.length).toBeGreaterThan(5);
      const made = await office.call('backup.create', { to: { path: path.join(tempDir(), 'fixtures.deskbackup') } });
      const fresh = openTestCore();
      await fresh.call('backup.restore', { file: { path: made.file }, acceptUnverified: true });
      const after = await fresh.call('submissions.list', {});
      expect(after).toEqual(submissions);
      for (const s of after) {
        for (const f of s.files) {
          const [a, b] = await Promise.all([office.core.storedFile(f.sha256), fresh.core.storedFile(f.sha256)]);
          expect(fs.readFileSync(b.path).equals(fs.readFileSync(a.path)), f.name).toBe(true);
        }
      }
      expect(after.some((s) => s.files.some((f) => f.kind === 'summary' && f.name === '工作总结.docx'))).toBe(true);
    },
  );
});
