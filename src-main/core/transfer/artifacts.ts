import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DeskError } from '../contract/errors';
import { writeAtomically } from './atomic';
import { newSlot, slotFile, SLOT_ID } from './slots';

/**
 * A document an operation made for the person who asked: its bytes wait in the data folder under
 * a random id until the shell delivers it — the CLI to `OUT`, the desktop through a save dialog,
 * browser mode as a download — and removes it.
 */
export interface Artifact {
  id: string;
  fileName: string;
  size: number;
}

function artifactsDir(dataDir: string): string {
  return path.join(dataDir, 'downloads');
}

/** Writes one artifact; a failed write leaves nothing behind. */
export async function makeArtifact(
  dataDir: string,
  fileName: string,
  write: (file: string) => Promise<void> | void,
): Promise<Artifact> {
  const { id, file } = newSlot(artifactsDir(dataDir));
  await writeAtomically(file, async (temp) => write(temp));
  return { id, fileName, size: fs.statSync(file).size };
}

/** The artifact's file by id, or null when it is not one or was already delivered. */
export function artifactFile(dataDir: string, id: string): string | null {
  return SLOT_ID.test(id) ? slotFile(artifactsDir(dataDir), id) : null;
}

/**
 * Puts an artifact where a local caller chose (a CLI argument, a save dialog): copied beside the
 * target and renamed, so an open file or a missing folder is refused with a clear message and
 * nothing half-written stays under the target's name.
 */
export async function deliverArtifact(
  dataDir: string,
  artifact: Pick<Artifact, 'id'>,
  target: string,
): Promise<string> {
  const file = artifactFile(dataDir, artifact.id);
  if (!file) throw new DeskError('not-found', '导出的文件已过期，请重新导出。');
  const full = path.resolve(target);
  await writeAtomically(full, async (temp) => fs.copyFileSync(file, temp));
  fs.rmSync(file, { force: true });
  return full;
}

export function discardArtifact(dataDir: string, id: string): void {
  const file = artifactFile(dataDir, id);
  if (file) fs.rmSync(file, { force: true });
}

/**
 * Puts the documents of a ZIP artifact (names core made: a number and a unit's name) into an
 * existing folder, one file each, each written beside its target and renamed.
 */
export async function unpackArtifact(dataDir: string, artifact: Pick<Artifact, 'id'>, dir: string): Promise<string> {
  const full = path.resolve(dir);
  if (!fs.existsSync(full) || !fs.statSync(full).isDirectory())
    throw new DeskError('bad-path', `找不到文件夹“${full}”，请先建好或换一个位置。`);
  const file = artifactFile(dataDir, artifact.id);
  if (!file) throw new DeskError('not-found', '导出的文件已过期，请重新导出。');
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, z) => (error ? reject(error) : resolve(z))),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = path.basename(entry.fileName);
        if (name !== entry.fileName || name.startsWith('.')) return zip.readEntry();
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          writeAtomically(path.join(full, name), (temp) => pipeline(stream, fs.createWriteStream(temp))).then(
            () => zip.readEntry(),
            reject,
          );
        });
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  fs.rmSync(file, { force: true });
  return full;
}
