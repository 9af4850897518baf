import fs from 'node:fs';
import path from 'node:path';
import type { SecretCipher } from './host';

interface Stored {
  /** Whether `value` is the platform's ciphertext (Electron safeStorage) or the plain text. */
  encrypted: boolean;
  value: string;
}

/**
 * Passwords the app must keep for the person — the mailbox 授权码 of the next release — in
 * `secrets.json` in the data folder, readable by this user only (0600). On the desktop each value
 * is encrypted with the OS keychain (safeStorage: DPAPI on Windows), so a copied data folder does
 * not carry them; browser mode and the CLI have no keychain and keep them in plain text in that
 * file, which docs/architecture.md says. Never in the database, never in a log, never in a backup.
 */
export class SecretStore {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
  ) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  async get(key: string): Promise<string | null> {
    const entry = this.read()[key];
    if (!entry) return null;
    // A value encrypted on the desktop cannot be read where there is no keychain: ask again.
    if (entry.encrypted && !this.cipher.encrypts) return null;
    return entry.encrypted ? this.cipher.decrypt(entry.value) : entry.value;
  }

  async set(key: string, value: string): Promise<void> {
    const all = this.read();
    all[key] = this.cipher.encrypts
      ? { encrypted: true, value: await this.cipher.encrypt(value) }
      : { encrypted: false, value };
    this.write(all);
  }

  delete(key: string): void {
    const all = this.read();
    delete all[key];
    this.write(all);
  }

  private read(): Record<string, Stored> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, Stored>;
    } catch {
      return {};
    }
  }

  private write(all: Record<string, Stored>): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
