import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainCipher, type SecretCipher } from '../../src-main/core/host/host';
import { SecretStore } from '../../src-main/core/host/secrets';
import { tempDir } from './helpers';

/** A real cipher (AES-256-GCM under a key this test holds) standing where the desktop's safeStorage would. */
function aesCipher(key = crypto.randomBytes(32)): SecretCipher {
  return {
    encrypts: true,
    encrypt: async (plain) => {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt: async (stored) => {
      const raw = Buffer.from(stored, 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('the secrets store', () => {
  it('keeps a value readable by this user only; with a platform cipher the file holds ciphertext, never the password', async () => {
    const dir = tempDir();
    const store = new SecretStore(dir, aesCipher());
    await store.set('mail:office@163.com', 'ABCDEFGH授权码');
    expect(await store.get('mail:office@163.com')).toBe('ABCDEFGH授权码');
    const file = path.join(dir, 'secrets.json');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('ABCDEFGH');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    store.delete('mail:office@163.com');
    expect(await store.get('mail:office@163.com')).toBeNull();
  });

  it('without a keychain (browser mode, the CLI) keeps plain text, and cannot read what the desktop encrypted', async () => {
    const dir = tempDir();
    await new SecretStore(dir, aesCipher()).set('mail:a', 'secret-1');
    const plain = new SecretStore(dir, plainCipher);
    expect(await plain.get('mail:a')).toBeNull();
    await plain.set('mail:b', 'secret-2');
    expect(await plain.get('mail:b')).toBe('secret-2');
  });
});
