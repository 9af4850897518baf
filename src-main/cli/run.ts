import fs from 'node:fs';
import path from 'node:path';
import { createCore, resolveDataDir, type Core } from '../core';
import { version } from '../../package.json';

/** What every command prints: the envelope as JSON with --json, otherwise readable Chinese lines. */
export interface Output {
  json: boolean;
  print(line: string): void;
}

export class CliFailure extends Error {
  constructor(
    readonly code: string,
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

export function closeCore(): void {
  opened?.close();
  opened = null;
}

/** Calls one operation; a refusal becomes a CliFailure carrying the operation's code. */
export async function call<T>(dataFlag: string | undefined, name: string, input?: unknown): Promise<T> {
  const result = await core(dataFlag).invoke(name, input);
  if (!result.ok) throw new CliFailure(result.error.code, result.error.message);
  return result.value as T;
}

export function readInputFile(file: string): { name: string; base64: string } {
  const full = path.resolve(file);
  if (!fs.existsSync(full)) throw new CliFailure('file-not-found', `找不到文件：${file}`);
  if (!fs.statSync(full).isFile()) throw new CliFailure('file-not-found', `不是文件：${file}`);
  return { name: path.basename(full), base64: fs.readFileSync(full).toString('base64') };
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
