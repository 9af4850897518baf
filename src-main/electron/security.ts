import { app, session, type WebContents, type WebFrameMain } from 'electron';

export const APP_ORIGIN = 'desk://app';

/** Only our own page, loaded from our own scheme, may call into core. */
export function isTrustedFrame(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'desk:' && url.host === 'app';
  } catch {
    return false;
  }
}

/** The Electron security checklist that is not in webPreferences: no navigation, no popups, no permissions. */
export function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
