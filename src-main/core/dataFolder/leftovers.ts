import fs from 'node:fs';
import path from 'node:path';
import { staleStages } from '../backup/restore';
import { staleBackupPieces } from '../backup/snapshot';
import { rememberedTargets } from '../backup/targets';
import { backupFolder, readBackupState } from '../backup/state';
import { processAlive } from '../locks/process';
import type { FileStore } from '../store/store';
import { staleSlots } from '../transfer/slots';
import { uploadsDir } from '../transfer/uploads';

export type LeftoverKind = 'upload' | 'download' | 'store-temp' | 'backup-piece' | 'restore-stage';

export interface Leftover {
  file: string;
  kind: LeftoverKind;
}

/**
 * What killed or abandoned work left in the data folder: uploads and exports nobody took within a
 * day, temporary files of dead processes, half-written backups and what a killed restore staged.
 * Swept at start (when no long write runs) and by 数据检查 → 修复.
 */
export function findLeftovers(dataDir: string, store: FileStore, now = Date.now()): Leftover[] {
  const of = (kind: LeftoverKind) => (file: string) => ({ file, kind });
  return [
    ...staleSlots(uploadsDir(dataDir), processAlive, now).map(of('upload')),
    ...staleSlots(path.join(dataDir, 'downloads'), processAlive, now).map(of('download')),
    ...store.staleTemps().map(of('store-temp')),
    ...staleBackupPieces(dataDir, [
      backupFolder(dataDir, readBackupState(dataDir).settings),
      ...rememberedTargets(dataDir),
    ]).map(of('backup-piece')),
    ...staleStages(dataDir, processAlive).map(of('restore-stage')),
  ];
}

export function removeLeftovers(leftovers: readonly Leftover[]): number {
  for (const { file } of leftovers) fs.rmSync(file, { force: true, recursive: true });
  return leftovers.length;
}
