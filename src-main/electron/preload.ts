import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// Sandboxed and CommonJS: the page gets exactly two functions, never ipcRenderer itself.
contextBridge.exposeInMainWorld('desk', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('desk:invoke', name, input),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on('desk:event', forward);
    return () => {
      ipcRenderer.removeListener('desk:event', forward);
    };
  },
});
