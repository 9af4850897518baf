import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from '../locks/process';

const HASH = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file store: bytes live at files/ab/<sha256>, identical files once. Nothing
 * from an archive or an e-mail ever becomes part of a path here — only hashes and random names.
 */
export class FileStore {
  readonly root: string;
  private readonly tmpDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
    this.tmpDir = path.join(this.root, '.tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  pathFor(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathFor(sha256));
  }

  /** A fresh temporary file path inside the store (same file system, so commit is a rename). */
  /** Files read back and found to hash to their name, by size and modification time: each is read once. */
  private readonly intactSeen = new Set<string>();

  /**
   * Whether a stored file's bytes still hash to its name, before they are served or opened: a file
   * changed on the disk behind the app is not handed out as the unit's material.
   */
  async intact(sha256: string): Promise<boolean> {
    const file = this.pathFor(sha256);
    const stat = await fs.promises.stat(file);
    const key = `${sha256}:${stat.size}:${stat.mtimeMs}`;
    if (this.intactSeen.has(key)) return true;
    const hash = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
      hash.update(chunk);
    if (hash.digest('hex') !== sha256) return false;
    this.intactSeen.add(key);
    return true;
  }

  tempPath(): string {
    return path.join(this.tmpDir, `${process.pid}-${crypto.randomBytes(12).toString('hex')}`);
  }

  private readonly dirs = new Set<string>();

  private ensureDir(target: string): void {
    const dir = path.dirname(target);
    if (this.dirs.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }

  /**
   * Writes bytes already hashed (a small file held in memory) straight to their place: no
   * temporary file. A file of that name and size is already there; a shorter one is what a killed
   * writer left, and is replaced. Unreferenced files (a writer killed before its rows) are swept
   * at the next start, as temporary files are.
   */
  put(bytes: Buffer, sha256: string): void {
    const target = this.pathFor(sha256);
    this.ensureDir(target);
    try {
      fs.writeFileSync(target, bytes, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        fs.rmSync(target, { force: true });
        throw error;
      }
      if (fs.statSync(target).size === bytes.length) return;
      const temp = this.tempPath();
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, target);
    }
  }

  /** Moves a fully written, hashed temporary file into place; a file already stored wins. */
  commit(tempFile: string, sha256: string): void {
    const target = this.pathFor(sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(tempFile, { force: true });
      return;
    }
    this.ensureDir(target);
    fs.renameSync(tempFile, target);
  }

  /** Temporary files of imports whose process died. */
  staleTemps(): string[] {
    return fs
      .readdirSync(this.tmpDir)
      .filter((name) => {
        const pid = Number(name.split('-')[0]);
        return pid !== process.pid && !processAlive(pid);
      })
      .map((name) => path.join(this.tmpDir, name));
  }

  /** Every stored file's hash (the store's own listing, whatever the rows say). */
  listStored(): string[] {
    const found: string[] = [];
    for (const dir of fs.readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of fs.readdirSync(path.join(this.root, dir))) if (HASH.test(name)) found.push(name);
    }
    return found;
  }

  /**
   * At start-up and after a restore: temporary files of dead imports, and stored files no row
   * refers to (an import killed between moving its files in and committing its transaction).
   */
  sweep(isReferenced: (sha256: string) => boolean): { removed: number } {
    const doomed = [
      ...this.staleTemps(),
      ...this.listStored()
        .filter((sha) => !isReferenced(sha))
        .map((sha) => this.pathFor(sha)),
    ];
    for (const file of doomed) fs.rmSync(file, { force: true, recursive: true });
    return { removed: doomed.length };
  }
}
