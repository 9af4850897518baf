import type { Artifact, DeskEvent, Envelope, OpInput, OpName, OpOutput } from '../../../src-main/core';

/** What both shells give the page: the Electron preload bridge, or HTTP + SSE in browser mode. */
interface Bridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
  /** Desktop only: where a picked file is, so intake reads it in place. */
  pathForFile?(file: File): string;
  /** Desktop only: open a stored document or image in the system viewer. */
  openFile?(sha256: string): Promise<unknown>;
  /** Desktop only: save an artifact through the native save dialog. */
  saveArtifact?(id: string, fileName: string): Promise<unknown>;
}

declare global {
  interface Window {
    desk?: Bridge;
  }
}

const httpBridge: Bridge = {
  async invoke(name, input) {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: input === undefined ? '' : JSON.stringify(input),
      });
    } catch {
      setOnline(false);
      return { ok: false, error: { code: 'offline', message: '无法连接到组委会工作台服务，请确认程序仍在运行。' } };
    }
    setOnline(true);
    if (response.status === 401) {
      return {
        ok: false,
        error: { code: 'unauthorized', message: '访问令牌已失效，请使用启动时打印的完整地址重新打开。' },
      };
    }
    const envelope = (await response.json()) as Envelope<unknown>;
    // Core ended a reviewer's session (收回, a new code, 集中评审 over): the address shows its sign-in page and why.
    if (!envelope.ok && envelope.error.code === 'unauthorized') window.location.reload();
    return envelope;
  },
  onEvent(listener) {
    const source = new EventSource('/api/events');
    source.onmessage = (message) => listener(JSON.parse(message.data as string));
    // EventSource reconnects by itself; what changed while it was away was never reported.
    let lost = false;
    // The stream ends the moment the server stops: the page says so at once, not on the next call.
    source.onerror = () => {
      lost = true;
      setOnline(false);
    };
    source.onopen = () => {
      setOnline(true);
      if (lost) reconnectListeners.forEach((l) => l());
      lost = false;
    };
    return () => source.close();
  },
};
const reconnectListeners = new Set<() => void>();

let online = true;
const connectionListeners = new Set<(online: boolean) => void>();
function setOnline(next: boolean): void {
  if (next === online) return;
  online = next;
  connectionListeners.forEach((l) => l(online));
  if (!online) probe();
}

/** While away, asks every two seconds whether the server answers again (the event stream may not say). */
function probe(): void {
  setTimeout(() => {
    if (online) return;
    fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' })
      .then((r) => (r.ok ? setOnline(true) : probe()))
      .catch(() => probe());
  }, 2_000);
}

/** Whether browser mode's server answers (always true in the desktop window): the shell's banner. */
export function onConnection(listener: (online: boolean) => void): () => void {
  connectionListeners.add(listener);
  listener(online);
  return () => connectionListeners.delete(listener);
}

const bridge: Bridge = window.desk ?? httpBridge;
export const transport: 'desktop' | 'browser' = window.desk ? 'desktop' : 'browser';

export class DeskCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function call<N extends OpName>(name: N, input?: OpInput<N>): Promise<OpOutput<N>> {
  const envelope = (await bridge.invoke(name, input)) as Envelope<OpOutput<N>>;
  if (!envelope.ok) throw new DeskCallError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.value;
}

type GroupOf<N> = N extends `${infer G}.${string}` ? G : never;
type Client = {
  [G in GroupOf<OpName>]: {
    [N in OpName as N extends `${G}.${infer M}` ? M : never]: (input?: OpInput<N>) => Promise<OpOutput<N>>;
  };
};

/** `desk.units.list({...})`: the operation table as typed methods. */
export const desk = new Proxy({} as Client, {
  get: (_target, group: string) =>
    new Proxy(
      {},
      { get: (_t, method: string) => (input?: unknown) => call(`${group}.${method}` as OpName, input as never) },
    ),
});

const listeners = new Set<(event: DeskEvent) => void>();
bridge.onEvent((event) => listeners.forEach((l) => l(event as DeskEvent)));

export function onDeskEvent(listener: (event: DeskEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** After the event stream was cut off and came back: changes in between were not reported. */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export type { DeskEvent, OpInput, OpName, OpOutput };

/** URL of a stored file (by content hash): same origin in both shells, so the CSP allows it. */
export function fileUrl(sha256: string, download = false): string {
  return `files/${sha256}${download ? '?download=1' : ''}`;
}

/** A photo's small copy for galleries and lists; the full file opens on zoom. */
export function thumbUrl(sha256: string): string {
  return `files/${sha256}?thumb=1`;
}

/** Opens a stored file: the system viewer on the desktop, a new tab (inline or download) in the browser. */
export async function openStoredFile(sha256: string): Promise<void> {
  if (bridge.openFile) {
    const envelope = (await bridge.openFile(sha256)) as Envelope<unknown>;
    if (!envelope.ok) throw new DeskCallError(envelope.error.code, envelope.error.message);
    return;
  }
  window.open(fileUrl(sha256), '_blank', 'noopener');
}

/** A picked or dropped file as operations take it: its path on the desktop, an upload in the browser. */
export type FileRef = { path: string } | { upload: string; name: string; relativePath?: string; modifiedAt?: string };

/**
 * Hands one file to core the way this shell can: the desktop gives its path (intake reads it in
 * place), the browser uploads its bytes first. Pages never choose; they pass what this returns.
 */
export async function fileRefOf(
  file: File,
  onProgress: (loaded: number) => void = () => {},
  signal?: AbortSignal,
): Promise<FileRef> {
  const local = bridge.pathForFile ? bridge.pathForFile(file) || null : null;
  if (local) return { path: local };
  const upload = await uploadFile(file, onProgress, signal);
  // The file's own time travels with it: for a loose attachment saved from the mailbox it is the best evidence of when
  // it came.
  return {
    upload,
    name: file.name,
    ...(file.webkitRelativePath ? { relativePath: file.webkitRelativePath } : {}),
    ...(file.lastModified ? { modifiedAt: new Date(file.lastModified).toISOString() } : {}),
  };
}

/** Whether files are read in place (the desktop) rather than uploaded: only for wording progress. */
export function readsInPlace(): boolean {
  return !!bridge.pathForFile;
}

/** Browser mode: streams one file's bytes to the server, reporting progress; resolves to its upload id. */
function uploadFile(file: File, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    signal?.addEventListener('abort', () => {
      xhr.abort();
      reject(new DeskCallError('cancelled', '已取消上传'));
    });
    xhr.open('POST', '/api/upload');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      try {
        const envelope = JSON.parse(xhr.responseText) as Envelope<{ id: string }>;
        if (envelope.ok) resolve(envelope.value.id);
        else reject(new DeskCallError(envelope.error.code, envelope.error.message));
      } catch {
        reject(new DeskCallError('upload-failed', `上传失败（${xhr.status}）`));
      }
    };
    xhr.onerror = () => reject(new DeskCallError('upload-failed', '上传中断，请确认程序仍在运行后重试'));
    xhr.send(file);
  });
}

/**
 * Delivers a document an operation made: the desktop asks where to save it, the browser
 * downloads it. Resolves false when the person cancelled the save dialog.
 */
export async function saveArtifact(artifact: Artifact): Promise<boolean> {
  if (bridge.saveArtifact) {
    const envelope = (await bridge.saveArtifact(artifact.id, artifact.fileName)) as Envelope<{ saved: boolean }>;
    if (!envelope.ok) throw new DeskCallError(envelope.error.code, envelope.error.message);
    return envelope.value.saved;
  }
  const link = document.createElement('a');
  link.href = `downloads/${artifact.id}?name=${encodeURIComponent(artifact.fileName)}`;
  link.download = artifact.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  return true;
}

export type { Artifact };
