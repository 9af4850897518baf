import type { Principal } from '../common/principal';
import type { CoreInfo, CoreOptions, DeskEvent, Envelope, StoredFile } from '../core';
import type { IsolatedRun } from '../core/host/host';

/**
 * Messages between a shell's thread and the workers that run core. Everything here crosses a
 * structured clone: plain data only, no functions (the host's services are asked for by name).
 */
export interface WorkerStart {
  options: Omit<CoreOptions, 'host'>;
  /** Whether the shell's host encrypts secrets (Electron safeStorage). */
  cipherEncrypts: boolean;
}

export type ToWorker =
  | { type: 'invoke'; id: number; name: string; input: unknown; principal: Principal }
  | { type: 'storedFile' | 'thumbnail'; id: number; sha256: string }
  | { type: 'hostReply'; id: number; ok: true; value: unknown }
  | { type: 'hostReply'; id: number; ok: false; message: string }
  | { type: 'close'; id: number };

export type HostRequest =
  | { method: 'runIsolated'; run: IsolatedRun }
  | { method: 'encrypt'; text: string }
  | { method: 'decrypt'; text: string };

export type FromWorker =
  | { type: 'ready'; info: CoreInfo; routes: { background: string[] } }
  | { type: 'startFailed'; code: string; message: string }
  | { type: 'reply'; id: number; ok: true; value: Envelope<unknown> | StoredFile | null }
  | { type: 'reply'; id: number; ok: false; message: string }
  | { type: 'event'; event: DeskEvent }
  | ({ type: 'host'; id: number } & HostRequest);
