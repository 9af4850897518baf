import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../contract/errors';
import type { BackupHeader, BackupManifest } from './format';

/**
 * A backup's seal: an HMAC, with a key kept in this data folder (never in a backup), over what the
 * backup says of itself — its header and its manifest, which holds the hash of the database and of
 * every file, each checked against the bytes on restore. Anyone can recompute a SHA-256; only this
 * folder can recompute the seal. So a restore onto the folder that made the backup proves it is
 * unchanged; onto another PC, which does not have the key, it cannot, and the office is asked first.
 */
const KEY_FILE = 'backup.key';

export interface Seal {
  /** Which folder's key sealed it (the first 16 hex digits of the key's SHA-256). */
  keyId: string;
  hmac: string;
}

function backupKey(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE);
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length === 32) return key;
  } catch {
    // None yet: made on the first backup.
  }
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

const keyIdOf = (key: Buffer) => crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);

/** JSON with its keys in order, so the writer and a reader compute the seal over the same bytes. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function hmacOf(key: Buffer, header: BackupHeader, manifest: BackupManifest): string {
  const { seal: _seal, ...content } = manifest;
  return crypto
    .createHmac('sha256', key)
    .update(canonical({ header, manifest: content }))
    .digest('hex');
}

export function sealBackup(dataDir: string, header: BackupHeader, manifest: BackupManifest): Seal {
  const key = backupKey(dataDir);
  return { keyId: keyIdOf(key), hmac: hmacOf(key, header, manifest) };
}

/**
 * Before a restore changes anything: a backup this folder sealed must match its seal
 * (`backup-forged` otherwise); one it cannot verify — made on another PC, or by a version before
 * seals — is restored only when the office has said it trusts where it came from.
 */
export function checkSeal(
  dataDir: string,
  header: BackupHeader,
  manifest: BackupManifest,
  acceptUnverified: boolean,
): 'verified' | 'unverified' {
  const key = backupKey(dataDir);
  const seal = manifest.seal;
  if (seal && seal.keyId === keyIdOf(key)) {
    const expected = Buffer.from(hmacOf(key, header, manifest), 'hex');
    const given = Buffer.from(seal.hmac, 'hex');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
      throw new DeskError(
        'backup-forged',
        '这份备份是本机生成的，但生成之后被改动过（签名对不上），为防止恢复出被篡改的数据，已拒绝恢复。请改用其他备份。',
      );
    return 'verified';
  }
  if (acceptUnverified) return 'unverified';
  throw new DeskError(
    'backup-unverified',
    '这份备份不是在本机生成的（或由旧版本生成），无法核实它生成之后没有被改动过。请确认它来自本办公室可信的电脑或U盘，再选择“仍然恢复”。',
  );
}
