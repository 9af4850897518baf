import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build';
import { desk } from '../support/desk';
import { callServer, startServer } from '../support/server';
import { makeRosterRows, rosterXlsx } from '../support/rosterSheets';
import { fakePhoto, makeDocx, writeZip } from '../support/zipWriter';
import { tempDir } from './helpers';
import { sectorOf } from '../support/sectors';

const bin = path.resolve(__dirname, '../../bin/desk.js');

async function json<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const result = await desk([...args, '--json']);
  const parsed = JSON.parse(result.stdout) as { ok: boolean; value: T; error?: unknown };
  if (!parsed.ok) throw new Error(`${args.join(' ')}: ${JSON.stringify(parsed.error)}`);
  return parsed.value;
}

/** The checks a crash test makes: SQLite's own, and every stored file named by a row present, none extra once swept. */
function sound(data: string): { submissions: number; files: number } {
  const db = new Database(path.join(data, 'desk.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const referenced = db.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[];
    const stored = fs
      .readdirSync(path.join(data, 'files'))
      .filter((d) => /^[0-9a-f]{2}$/.test(d))
      .flatMap((d) => fs.readdirSync(path.join(data, 'files', d)));
    expect(stored.sort()).toEqual(referenced.sort());
    return {
      submissions: db.prepare('SELECT count(*) FROM submissions').pluck().get() as number,
      files: referenced.length,
    };
  } finally {
    db.close();
  }
}

async function officeWithMaterial(units: number, photoBytes: number): Promise<string> {
  const data = tempDir();
  const dir = tempDir();
  for (let i = 0; i < units; i++) {
    fs.writeFileSync(
      path.join(dir, `单位${i}.zip`),
      writeZip([
        { name: '总结.docx', data: makeDocx(`单位${i}`) },
        ...[1, 2].map((p) => ({ name: `照片${p}.jpg`, data: fakePhoto(photoBytes, i * 10 + p) })),
      ]),
    );
  }
  // The units on the roster, so the material is claimed (a 评审包 carries only claimed material).
  const roster = path.join(tempDir(), '名册.csv');
  fs.writeFileSync(roster, `集体名称\n${Array.from({ length: units }, (_, i) => `单位${i}`).join('\n')}\n`);
  expect((await desk(['--data', data, 'units', 'import', roster])).code).toBe(0);
  expect((await desk(['--data', data, 'import', dir])).code).toBe(0);
  return data;
}

/** Starts a desk command and kills it (-9) once `ready` says it is under way. */
async function killDuring(args: string[], ready: () => boolean): Promise<boolean> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let finished = false;
  void exited.then(() => (finished = true));
  for (let waited = 0; waited < 30_000 && !finished && !ready(); waited += 5)
    await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  const code = await exited;
  return code === null; // null: killed before it finished
}

beforeAll(() => ensureBuilt(), 120_000);

describe('desk backup / desk restore', () => {
  it('moves an office to a new PC: backup in one data folder, restore into an empty one, the same roster and material', async () => {
    const dir = tempDir();
    const old = await officeWithMaterial(3, 50_000);
    const xlsx = path.join(dir, '名册.xlsx');
    fs.writeFileSync(xlsx, await rosterXlsx(makeRosterRows(40)));
    expect((await desk(['--data', old, 'units', 'import', xlsx])).code).toBe(0);
    const out = path.join(dir, '换电脑.deskbackup');
    const made = await json<{ file: string; files: number }>(['--data', old, 'backup', out]);
    expect(made).toMatchObject({ file: out, files: 9 });
    expect((await desk(['--data', old, 'backup', out])).stdout).toContain('已备份并核对');

    const fresh = path.join(tempDir(), '新电脑');
    // Another PC cannot verify the seal: it says so and restores only when told to.
    const unverified = await desk(['--data', fresh, 'restore', out, '--json']);
    expect(unverified.code).toBe(1);
    expect(JSON.parse(unverified.stdout).error.code).toBe('backup-unverified');
    const restored = await json<{ restored: { files: number }; trust: string }>([
      '--data',
      fresh,
      'restore',
      out,
      '--accept-unverified',
    ]);
    expect(restored.trust).toBe('unverified');
    expect(restored.restored.files).toBe(9);
    expect(await json(['--data', fresh, 'units', 'list'])).toEqual(await json(['--data', old, 'units', 'list']));
    expect(await json(['--data', fresh, 'submissions', 'list'])).toEqual(
      await json(['--data', old, 'submissions', 'list']),
    );
    sound(fresh);

    const broken = path.join(dir, '坏的.deskbackup');
    fs.writeFileSync(broken, fs.readFileSync(out).subarray(0, 3000));
    const refused = await desk(['--data', fresh, 'restore', broken, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('backup-damaged');
    const human = await desk(['--data', fresh, 'restore', xlsx]);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('错误（not-a-backup）');
  }, 120_000);

  it('a backup killed half-way leaves the data sound, no backup under a final name, and the next start sweeps its pieces', async () => {
    const data = await officeWithMaterial(12, 2_000_000);
    const before = sound(data);
    const folder = path.join(data, 'backups');
    const partial = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.endsWith('.tmp')) : []);
    const killed = await killDuring(['--data', data, 'backup'], () =>
      partial().some((n) => fs.statSync(path.join(folder, n)).size > 4_000_000),
    );
    expect(killed).toBe(true);
    expect(partial()).toHaveLength(1);
    expect(fs.readdirSync(folder).filter((n) => n.endsWith('.deskbackup'))).toEqual([]);
    await json(['--data', data, 'units', 'list']); // a start: sweeps
    expect(fs.readdirSync(folder).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(sound(data)).toEqual(before);
  }, 120_000);

  it('desk backup OUT killed half-way on a USB stick: no database copy is ever beside the target, and the next start sweeps its .tmp (#27 item 7)', async () => {
    const data = await officeWithMaterial(12, 2_000_000);
    const usb = path.join(tempDir(), 'U盘');
    fs.mkdirSync(usb);
    const target = path.join(usb, '2022年度.deskbackup');
    const beside = () => fs.readdirSync(usb);
    let sawVerifyCopy = false;
    const killed = await killDuring(['--data', data, 'backup', target], () => {
      const names = beside();
      if (names.some((n) => n.endsWith('.sqlite'))) sawVerifyCopy = true;
      return names.some((n) => n.endsWith('.tmp') && fs.statSync(path.join(usb, n)).size > 4_000_000);
    });
    expect(killed).toBe(true);
    expect(sawVerifyCopy).toBe(false);
    expect(beside().filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    expect(beside().filter((n) => n.endsWith('.sqlite') || n === '2022年度.deskbackup')).toEqual([]);
    await json(['--data', data, 'units', 'list']); // a start: sweeps where it was writing
    expect(beside()).toEqual([]);
    // A whole backup to the same place afterwards is untouched by later starts.
    await json(['--data', data, 'backup', target]);
    await json(['--data', data, 'units', 'list']);
    expect(beside()).toEqual(['2022年度.deskbackup']);
  }, 180_000);

  it('the running app killed during its automatic backup: what it acknowledged meanwhile is kept, no backup under a final name, the pieces swept', async () => {
    const data = await officeWithMaterial(20, 4_000_000);
    const before = sound(data);
    const folder = path.join(data, 'backups');
    const pieces = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.startsWith('.')) : []);
    const partial = () => pieces().filter((n) => n.endsWith('.tmp'));
    const { child, info } = await startServer(data);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      // What the schedule calls; a fresh folder has never been checked, so it is due.
      const backup = callServer(info, 'backup.auto').catch(() => 'killed');
      for (
        let waited = 0;
        waited < 60_000 && !partial().some((n) => fs.statSync(path.join(folder, n)).size > 4_000_000);
        waited += 5
      )
        await new Promise((r) => setTimeout(r, 5));
      // The window keeps working beside the backup (it runs on a background thread), and what it was told is saved
      // stays saved.
      const unit = await callServer<{ id: number }>(info, 'units.create', {
        name: '备份时新建的单位',
        sectorId: await sectorOf({ call: (name) => callServer(info, name) }, '金融团工委'),
      });
      expect(unit.id).toBeGreaterThan(0);
      expect(fs.readdirSync(folder).filter((n) => n.endsWith('.deskbackup'))).toEqual([]);
      child.kill('SIGKILL');
      await exited;
      expect(await backup).toBe('killed');
    } finally {
      child.kill('SIGKILL');
    }
    expect(partial()).toHaveLength(1);
    expect(fs.readdirSync(folder).filter((n) => n.endsWith('.deskbackup'))).toEqual([]);
    const db = new Database(path.join(data, 'desk.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM units WHERE name = ?').pluck().get('备份时新建的单位')).toBe(1);
    db.close();
    await json(['--data', data, 'units', 'list']); // a start: sweeps
    expect(pieces()).toEqual([]);
    expect(sound(data)).toEqual(before);
    // The next automatic backup then succeeds.
    const made = await json<{ file: string }>(['--data', data, 'backup']);
    expect(fs.existsSync(made.file)).toBe(true);
  }, 180_000);

  it('a restore killed at any point leaves the old data or the restored data, whole; a retry then succeeds', async () => {
    const source = await officeWithMaterial(12, 2_000_000);
    const out = path.join(tempDir(), '要恢复的.deskbackup');
    await json(['--data', source, 'backup', out]);
    const expected = sound(source);
    for (const delayMs of [0, 150, 400]) {
      const data = await officeWithMaterial(2, 10_000);
      const old = sound(data);
      const started = Date.now();
      await killDuring(
        ['--data', data, 'restore', out, '--accept-unverified'],
        () =>
          fs.existsSync(path.join(data, 'backups')) &&
          fs.readdirSync(path.join(data, 'backups')).some((n) => n.startsWith('.restore-')) &&
          Date.now() - started > delayMs,
      );
      await json(['--data', data, 'units', 'list']); // the next start sweeps what the kill left
      const after = sound(data);
      expect([old, expected]).toContainEqual(after);
      expect(fs.readdirSync(path.join(data, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
      await json(['--data', data, 'restore', out, '--accept-unverified']);
      expect(sound(data)).toEqual(expected);
    }
  }, 240_000);

  it('opening a 评审包 killed at any point leaves the laptop sound; opening it again gives every submission and file', async () => {
    const office = await officeWithMaterial(10, 1_500_000);
    expect((await desk(['--data', office, 'reviewers', 'add', '王老师'])).code).toBe(0);
    const pkg = path.join(tempDir(), '王老师.deskreview');
    expect((await desk(['--data', office, 'review', 'export-package', '--reviewer', '王老师', pkg])).code).toBe(0);
    for (const delayMs of [0, 120, 300]) {
      const laptop = tempDir();
      await json(['--data', laptop, 'units', 'list']);
      const started = Date.now();
      await killDuring(['--data', laptop, 'review', 'open-package', pkg], () => Date.now() - started > 250 + delayMs);
      await json(['--data', laptop, 'units', 'list']); // the next start sweeps what the kill left
      sound(laptop);
      expect((await desk(['--data', laptop, 'review', 'open-package', pkg])).code).toBe(0);
      expect(sound(laptop)).toEqual({ submissions: 10, files: 30 });
    }
  }, 240_000);
});
