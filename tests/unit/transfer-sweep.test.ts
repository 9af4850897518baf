import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestCore, tempDir } from './helpers';

const id = () => crypto.randomBytes(16).toString('hex');
const DEAD_PID = 2 ** 22 + 11;

describe('uploads and downloads left behind', () => {
  it("are swept at the next start: a day-old upload or export, and a killed writer's temporary file; fresh ones and strangers stay", () => {
    const dataDir = tempDir();
    openTestCore(dataDir).core.close();
    const uploads = path.join(dataDir, 'uploads');
    const downloads = path.join(dataDir, 'downloads');
    fs.mkdirSync(uploads, { recursive: true });
    fs.mkdirSync(downloads, { recursive: true });
    const put = (dir: string, name: string, ageHours: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'bytes');
      const when = new Date(Date.now() - ageHours * 3_600_000);
      fs.utimesSync(file, when, when);
      return file;
    };
    const oldUpload = put(uploads, id(), 30);
    const freshUpload = put(uploads, id(), 1);
    const oldExport = put(downloads, id(), 25);
    const freshExport = put(downloads, id(), 0);
    const killedWrite = put(downloads, `.${id()}.${DEAD_PID}.tmp`, 0);
    const liveWrite = put(downloads, `.${id()}.${process.pid}.tmp`, 0);
    const stranger = put(downloads, '说明.txt', 48);

    openTestCore(dataDir);
    for (const gone of [oldUpload, oldExport, killedWrite]) expect(fs.existsSync(gone), gone).toBe(false);
    for (const kept of [freshUpload, freshExport, liveWrite, stranger]) expect(fs.existsSync(kept), kept).toBe(true);
  });
});
