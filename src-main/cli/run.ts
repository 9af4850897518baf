import path from 'node:path';
import { createCore, resolveDataDir, type Artifact, type Core } from '../core';
import type { ErrorCode } from '../common/errorCodes';
import { CLI_OFFICE } from '../common/principal';
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

/** A command that succeeded but must tell a script something (desk doctor: problems remain → 3). */
export const exitStatus = { code: 0 };

let opened: Core | null = null;
let threads: { intakeThread?: string; verifyThread?: string } = {};

/** Set by the CLI's entry, which knows where the build put its sibling scripts. */
export function useThreads(scripts: { intakeThread: string; verifyThread: string }): void {
  threads = scripts;
}

function core(dataFlag: string | undefined): Core {
  opened ??= createCore({ dataDir: resolveDataDir(dataFlag), version, mode: 'cli', ...threads });
  return opened;
}

export async function closeCore(): Promise<void> {
  await opened?.close();
  opened = null;
}

/** Calls one operation; a refusal becomes a CliFailure carrying the operation's code. */
export async function call<T>(dataFlag: string | undefined, name: string, input?: unknown): Promise<T> {
  const result = await core(dataFlag).invoke(name, input, CLI_OFFICE);
  if (!result.ok) throw new CliFailure(result.error.code, result.error.message);
  return result.value as T;
}

/** A file argument as the file reference operations take: the CLI is a local caller. */
export function localFile(file: string): { path: string } {
  return { path: path.resolve(file) };
}

/**
 * Runs an operation that makes a document and hands its artifact to `put` (the CLI's way of
 * delivering one); a delivery that fails discards the artifact and is refused with its code.
 */
async function callAndDeliver<T extends { artifact: Artifact }, K extends string>(
  dataFlag: string | undefined,
  name: string,
  input: unknown,
  key: K,
  put: (dataDir: string, artifact: Artifact) => Promise<string>,
): Promise<Omit<T, 'artifact'> & Record<K, string>> {
  const { artifact, ...rest } = await call<T>(dataFlag, name, input);
  const dataDir = core(dataFlag).info.dataDir;
  try {
    return { ...rest, [key]: await put(dataDir, artifact) } as Omit<T, 'artifact'> & Record<K, string>;
  } catch (error) {
    discardArtifact(dataDir, artifact.id);
    if (error instanceof DeskError) throw new CliFailure(error.code, error.message);
    throw error;
  }
}

/** The document put at `target`; the printed result names the file instead of the artifact. */
export function callAndSave<T extends { artifact: Artifact }>(
  dataFlag: string | undefined,
  name: string,
  input: unknown,
  target: string,
) {
  return callAndDeliver<T, 'file'>(dataFlag, name, input, 'file', (dataDir, artifact) =>
    deliverArtifact(dataDir, artifact, target),
  );
}

/** A ZIP of documents (the 评审表) put into an existing folder, one file each. */
export function callAndUnpack<T extends { artifact: Artifact }>(
  dataFlag: string | undefined,
  name: string,
  input: unknown,
  dir: string,
) {
  return callAndDeliver<T, 'dir'>(dataFlag, name, input, 'dir', (dataDir, artifact) =>
    unpackArtifact(dataDir, artifact, dir),
  );
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

/** A unit given on the command line by its number or its full name. */
export async function unitIdByName(dataFlag: string | undefined, unit: string): Promise<number> {
  const asId = Number(unit);
  if (Number.isInteger(asId) && asId > 0) return asId;
  const found = await call<Array<{ id: number; name: string }>>(dataFlag, 'units.list', { search: unit });
  const exact = found.find((u) => u.name === unit);
  if (!exact) throw new CliFailure('not-found', `名册中没有名为“${unit}”的集体`);
  return exact.id;
}
