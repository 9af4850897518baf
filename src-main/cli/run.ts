import path from 'node:path';
import { createCore, resolveDataDir, type Artifact, type Core } from '../core';
import type { ErrorCode } from '../common/errorCodes';
import { DeskError } from '../core/contract/errors';
import { deliverArtifact, discardArtifact, unpackArtifact } from '../core/transfer/artifacts';
import { version } from '../../package.json';

/** What every command prints: the envelope as JSON with --json, otherwise readable Chinese lines. */
export interface Output {
  json: boolean;
  print(line: string): void;
}

export class CliFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

let opened: Core | null = null;

export function core(dataFlag: string | undefined): Core {
  opened ??= createCore({ dataDir: resolveDataDir(dataFlag), version, mode: 'cli' });
  return opened;
}

export async function closeCore(): Promise<void> {
  await opened?.close();
  opened = null;
}

/** Calls one operation; a refusal becomes a CliFailure carrying the operation's code. */
export async function call<T>(dataFlag: string | undefined, name: string, input?: unknown): Promise<T> {
  const result = await core(dataFlag).invoke(name, input);
  if (!result.ok) throw new CliFailure(result.error.code, result.error.message);
  return result.value as T;
}

/** A file argument as the file reference operations take: the CLI is a local caller. */
export function localFile(file: string): { path: string } {
  return { path: path.resolve(file) };
}

/**
 * Runs an operation that makes a document and puts it at `target`: the CLI's way of delivering
 * an artifact. The printed result names the file instead of the artifact.
 */
export async function callAndSave<T extends { artifact: Artifact }>(dataFlag: string | undefined, name: string, input: unknown, target: string): Promise<Omit<T, 'artifact'> & { file: string }> {
  const { artifact, ...rest } = await call<T>(dataFlag, name, input);
  try {
    return { ...rest, file: await deliverArtifact(core(dataFlag).info.dataDir, artifact, target) } as Omit<T, 'artifact'> & { file: string };
  } catch (error) {
    discardArtifact(core(dataFlag).info.dataDir, artifact.id);
    if (error instanceof DeskError) throw new CliFailure(error.code, error.message);
    throw error;
  }
}

/** The same for a ZIP of documents (the 评审表) put into an existing folder one file each. */
export async function callAndUnpack<T extends { artifact: Artifact }>(dataFlag: string | undefined, name: string, input: unknown, dir: string): Promise<Omit<T, 'artifact'> & { dir: string }> {
  const { artifact, ...rest } = await call<T>(dataFlag, name, input);
  try {
    return { ...rest, dir: await unpackArtifact(core(dataFlag).info.dataDir, artifact, dir) } as Omit<T, 'artifact'> & { dir: string };
  } catch (error) {
    discardArtifact(core(dataFlag).info.dataDir, artifact.id);
    if (error instanceof DeskError) throw new CliFailure(error.code, error.message);
    throw error;
  }
}

/** Fixed-width columns for CJK text in a terminal (a Han character takes two cells). */
export function pad(text: string, width: number): string {
  const cells = [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - cells));
}

/** Prints a command's result: the envelope as JSON with --json, otherwise readable lines. */
export type Emit = (value: unknown, human: () => void) => void;

/** `--campaign 2022` → 2022, refusing anything that is not a year. */
export function year(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliFailure('invalid-input', `年度应为四位数字：${value}`);
  return n;
}
