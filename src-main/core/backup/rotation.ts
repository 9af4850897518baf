import fs from 'node:fs';
import path from 'node:path';
import { chinaWallClock } from '../../common/chinaTime';
import { BACKUP_EXTENSION, type BackupKind } from './format';

const PREFIX: Record<BackupKind, string> = {
  manual: '组委会工作台备份',
  auto: '自动备份',
  'before-restore': '恢复前备份',
};
const NAMED = /^(组委会工作台备份|自动备份|恢复前备份)-(\d{8})-(\d{6})(?:-(\d+))?\.deskbackup$/;

/**
 * A backup's file name: what made it and when (China time), sortable; `-2`, `-3` … for a second one in the same second.
 */
export function backupFileName(kind: BackupKind, at = new Date(), folder?: string): string {
  const wall = chinaWallClock(at).toISOString();
  const base = `${PREFIX[kind]}-${wall.slice(0, 10).replace(/-/g, '')}-${wall.slice(11, 19).replace(/:/g, '')}`;
  for (let n = 1; ; n++) {
    const name = `${base}${n > 1 ? `-${n}` : ''}${BACKUP_EXTENSION}`;
    if (!folder || !fs.existsSync(path.join(folder, name))) return name;
  }
}

export interface BackupListing {
  name: string;
  kind: BackupKind;
  size: number;
  /** When it was made, from its name (China time) — the file's own time changes when it is copied. */
  madeAt: string;
}

/** The backups in a folder that this app named, newest first; anything else there is left alone. */
export function listBackups(folder: string): BackupListing[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const found: Array<BackupListing & { sequence: number }> = [];
  for (const name of names) {
    const match = NAMED.exec(name);
    if (!match) continue;
    const kind = Object.entries(PREFIX).find(([, prefix]) => prefix === match[1])![0] as BackupKind;
    const d = match[2] ?? '';
    const t = match[3] ?? '';
    const madeAt = new Date(
      `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}+08:00`,
    ).toISOString();
    try {
      found.push({
        name,
        kind,
        size: fs.statSync(path.join(folder, name)).size,
        madeAt,
        sequence: Number(match[4] ?? 1),
      });
    } catch {
      // Removed meanwhile.
    }
  }
  return found
    .sort((a, b) => b.madeAt.localeCompare(a.madeAt) || b.sequence - a.sequence)
    .map(({ sequence: _s, ...listing }) => listing);
}

function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  return `${day.getUTCFullYear()}-${Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7)}`;
}

/**
 * Which automatic backups to keep: the newest of each of the last 7 days that have one, then the
 * newest of each of the 4 weeks before those. Copies taken before a restore: the newest 5. Backups
 * the person made are never removed.
 */
export function backupsToRemove(listing: BackupListing[], daily = 7, weekly = 4): BackupListing[] {
  const remove: BackupListing[] = [];
  const days = new Set<string>();
  const weeks = new Set<string>();
  const dayKeep = new Set<string>();
  for (const backup of listing.filter((b) => b.kind === 'auto')) {
    const wall = chinaWallClock(new Date(backup.madeAt));
    const day = wall.toISOString().slice(0, 10);
    if (days.size < daily && !days.has(day)) {
      days.add(day);
      dayKeep.add(day);
      continue;
    }
    if (dayKeep.has(day)) {
      remove.push(backup); // a second one of a kept day
      continue;
    }
    const week = isoWeek(wall);
    const lastDayWeek = [...dayKeep].map((d) => isoWeek(new Date(`${d}T00:00:00Z`)));
    if (weeks.size < weekly && !weeks.has(week) && !lastDayWeek.includes(week)) {
      weeks.add(week);
      continue;
    }
    remove.push(backup);
  }
  remove.push(...listing.filter((b) => b.kind === 'before-restore').slice(5));
  return remove;
}

export function rotateBackups(folder: string): number {
  const remove = backupsToRemove(listBackups(folder));
  for (const backup of remove) fs.rmSync(path.join(folder, backup.name), { force: true });
  return remove.length;
}
