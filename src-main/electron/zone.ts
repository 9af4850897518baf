import fs from 'node:fs';

/**
 * Mark-of-the-Web for a file the desktop hands to the system viewer: a copy of a stranger's
 * document loses its internet origin, and Word/WPS only open such files in Protected View when
 * this NTFS stream says ZoneId=3 (Internet). Windows only; elsewhere there is no such stream.
 */
export function zoneIdentifier(): string {
  return '[ZoneTransfer]\r\nZoneId=3\r\n';
}

export function markFromInternet(file: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'win32') return false;
  try {
    fs.writeFileSync(`${file}:Zone.Identifier`, zoneIdentifier());
    return true;
  } catch {
    // FAT32 and network drives have no alternate streams; the copy is still read-only.
    return false;
  }
}
