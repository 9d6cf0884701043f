import type { App, Session, WebContents } from 'electron';
import { isAllowedNavigation, isAllowedRequest } from './policy';

/**
 * Session-wide rules: no network at all (every request that is not app://, data: or blob: is cancelled,
 * which also rules out telemetry and update checks), no permission is ever granted, no downloads.
 */
export function lockDownSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/** Per-page rules, applied to every webContents the app ever creates: no navigation away, no new windows, no webviews. */
export function lockDownContents(app: App): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, contents.getURL())) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, contents.getURL())) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
