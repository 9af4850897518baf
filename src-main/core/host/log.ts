import fs from 'node:fs';
import path from 'node:path';

const MAX_BYTES = 2 * 1024 ** 2;
const KEEP = 5;

/**
 * The app's log file, `logs/desk.log` in the data folder, rotated at 2 MB (desk.1.log … desk.4.log):
 * a packaged Windows app has no console, so this is what support asks for. It holds operation
 * names, error messages and stacks — never inputs, which may carry names, phones or passwords.
 */
export class FileLog {
  readonly file: string;

  constructor(dataDir: string) {
    const dir = path.join(dataDir, 'logs');
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, 'desk.log');
  }

  info(message: string): void {
    this.write('INFO', message);
  }

  /** An internal error of one operation, with its stack. */
  error(operation: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    this.write('ERROR', `${operation} failed: ${detail}`);
  }

  private write(level: string, message: string): void {
    try {
      this.rotate();
      fs.appendFileSync(this.file, `${new Date().toISOString()} [${level}] [pid ${process.pid}] ${message}\n`);
    } catch {
      // A full disk or a read-only folder must not turn a logged error into a second one.
    }
  }

  private rotate(): void {
    let size: number;
    try {
      size = fs.statSync(this.file).size;
    } catch {
      return;
    }
    if (size < MAX_BYTES) return;
    const dir = path.dirname(this.file);
    for (let i = KEEP - 1; i >= 1; i--) {
      const from = i === 1 ? this.file : path.join(dir, `desk.${i - 1}.log`);
      const to = path.join(dir, `desk.${i}.log`);
      if (fs.existsSync(from)) fs.renameSync(from, to);
    }
  }
}
