import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

// Sandboxed and CommonJS: the page gets a handful of functions, never ipcRenderer itself.
contextBridge.exposeInMainWorld('desk', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('desk:invoke', name, input),
  /** The path of a picked or dropped file, so intake reads it in place instead of copying bytes over IPC. */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  /** Opens a stored document or image (by content hash) in the system viewer. */
  openFile: (sha256: string): Promise<unknown> => ipcRenderer.invoke('desk:open-file', sha256),
  /** Saves an artifact an operation made, through the native save dialog. */
  saveArtifact: (id: string, fileName: string): Promise<unknown> =>
    ipcRenderer.invoke('desk:save-artifact', id, fileName),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on('desk:event', forward);
    return () => {
      ipcRenderer.removeListener('desk:event', forward);
    };
  },
});
