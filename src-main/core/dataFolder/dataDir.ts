import os from 'node:os';
import path from 'node:path';

/** Folder name under the per-user app data folder; the Electron shell sets userData to the same path. */
const DATA_FOLDER_NAME = 'committee-desk';
const DATA_ENV = 'COMMITTEE_DESK_DATA';

/** Where Electron's `app.getPath('appData')` points on each platform. */
function appDataRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

/** `--data DIR` wins, then COMMITTEE_DESK_DATA, then the per-user default shared by app, browser mode and CLI. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = flag || env[DATA_ENV];
  // A share's name is kept as written (resolving `//server/share` gives `/server/share`), so it is refused as one.
  if (given && /^(\\\\|\/\/)/.test(given)) return given;
  if (given) return path.resolve(given);
  return path.join(appDataRoot(env), DATA_FOLDER_NAME);
}

export function dataPaths(dataDir: string) {
  return {
    dataDir,
    dbFile: path.join(dataDir, 'desk.sqlite'),
    backupsDir: path.join(dataDir, 'backups'),
    locksDir: path.join(dataDir, 'locks'),
    /** Rebuildable from the store (photo thumbnails): never needs a backup. */
    cacheDir: path.join(dataDir, 'cache'),
  };
}
