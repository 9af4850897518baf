import fs from 'node:fs';
import path from 'node:path';

const HASH = /^[0-9a-f]{64}$/;
/** Formats libvips decodes safely here; HEIC needs a codec the bundled libvips does not carry. */
const THUMBNAILABLE = /^image\/(jpeg|png|webp|gif|bmp|tiff)$/;
/** Long side in pixels: a 120 × 90 gallery tile on a 2× screen, with room for the intake drawer. */
export const THUMB_SIZE = 320;
/** Long side for photos printed in PDFs (about 75 mm wide at 300 dpi): sharp on paper, small in the file. */
export const PRINT_SIZE = 1000;
/** A decompression bomb dressed as a photo is refused before libvips allocates for it. */
const MAX_INPUT_PIXELS = 120_000_000;

/**
 * Small JPEG copies of stored photos, made on first view and kept under cache/thumbs by the
 * photo's hash: a reviewer moving through submissions decodes 40 KB instead of five 12-megapixel
 * camera files, and a PDF embeds a 1000-pixel copy instead of the camera file (and never asks the
 * PDF library to decode a photo itself). The cache can be deleted at any time; it is rebuilt on
 * demand.
 */
export class ThumbnailCache {
  private readonly root: string;
  private readonly pending = new Map<string, Promise<string | null>>();
  /** Files libvips could not read, so neither a gallery reload nor the warmer tries them again. */
  private readonly unreadable = new Set<string>();
  private warming: Promise<void> | null = null;
  private rewarm = false;
  private stopped = false;

  constructor(cacheDir: string) {
    this.root = path.join(cacheDir, 'thumbs');
  }

  /** Cached thumbnails that are empty (a killed writer) or of a file no longer stored (数据检查). */
  stale(isStored: (sha256: string) => boolean): string[] {
    const found: string[] = [];
    let dirs: string[];
    try {
      dirs = fs.readdirSync(this.root);
    } catch {
      return found;
    }
    for (const dir of dirs) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of fs.readdirSync(path.join(this.root, dir))) {
        const file = path.join(this.root, dir, name);
        const sha = /^([0-9a-f]{64})-\d+\.jpg$/.exec(name)?.[1];
        if (!sha || !isStored(sha) || fs.statSync(file).size === 0) found.push(file);
      }
    }
    return found;
  }

  has(sha256: string, size = THUMB_SIZE): boolean {
    return fs.existsSync(this.target(sha256, size));
  }

  private target(sha256: string, size: number): string {
    return path.join(this.root, sha256.slice(0, 2), `${sha256}-${size}.jpg`);
  }

  /**
   * Makes the missing thumbnails of `photos()` one at a time, in the background of a long-running
   * shell, so a reviewer's first look at a submission finds them ready. A call while one runs
   * asks for one more pass afterwards (new imports arrive while it works).
   */
  warm(
    photos: () => Array<{ sha256: string; path: string; mime: string | null }>,
    paused: () => boolean = () => false,
  ): Promise<void> {
    if (this.warming) {
      this.rewarm = true;
      return this.warming;
    }
    this.warming = (async () => {
      do {
        this.rewarm = false;
        for (const photo of photos()) {
          // An import running (here or in a CLI beside us) has the CPU first; warming waits for it.
          while (paused() && !this.stopped) await new Promise((r) => setTimeout(r, 2000).unref());
          if (this.stopped) return;
          if (!this.has(photo.sha256)) await this.get(photo.sha256, photo.path, photo.mime);
        }
      } while (this.rewarm && !this.stopped);
    })().finally(() => (this.warming = null));
    return this.warming;
  }

  /** Ends background warming (the core is closing); thumbnails asked for directly still work. */
  stop(): void {
    this.stopped = true;
  }

  /** The thumbnail's path, or null where the file is not a photo libvips can read (the caller serves the original). */
  async get(sha256: string, source: string, mime: string | null, size = THUMB_SIZE): Promise<string | null> {
    if (!HASH.test(sha256) || !mime || !THUMBNAILABLE.test(mime)) return null;
    const target = this.target(sha256, size);
    if (fs.existsSync(target)) return target;
    if (this.unreadable.has(sha256)) return null;
    // Two tiles asking for the same photo at once share one decode.
    let job = this.pending.get(target);
    if (!job) {
      job = this.make(source, target, size)
        .then((made) => {
          if (!made) this.unreadable.add(sha256);
          return made;
        })
        .finally(() => this.pending.delete(target));
      this.pending.set(target, job);
    }
    return job;
  }

  private async make(source: string, target: string, size: number): Promise<string | null> {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      // Loaded on first use: libvips costs every CLI run time it would not use.
      const { default: sharp } = await import('sharp');
      await sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'none', sequentialRead: true })
        .rotate() // the camera's EXIF orientation, so a portrait photo stands upright
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 78, mozjpeg: false })
        .toFile(temp);
      fs.renameSync(temp, target);
      return target;
    } catch {
      fs.rmSync(temp, { force: true });
      return null;
    }
  }
}
