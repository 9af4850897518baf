import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markFromInternet, zoneIdentifier } from '../../src-main/electron/zone';
import { tempDir } from './helpers';

describe('Mark-of-the-Web on documents the desktop opens', () => {
  it('says Internet (ZoneId=3) in the form Windows reads, and writes nothing off Windows', () => {
    expect(zoneIdentifier()).toBe('[ZoneTransfer]\r\nZoneId=3\r\n');
    const file = path.join(tempDir(), '总结.docx');
    fs.writeFileSync(file, 'x');
    expect(markFromInternet(file, 'linux')).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['总结.docx']);
  });
});
