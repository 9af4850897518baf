import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dialog, net, shell, type BrowserWindow } from 'electron';
import type { Core } from '../core';
import { fail, ok, type Envelope } from '../core/contract/errors';
import { artifactFile, deliverArtifact, discardArtifact } from '../core/transfer/artifacts';
import { DeskError } from '../core/contract/errors';
import { artifactHeaders, storedFileHeaders } from '../transport/serving';
import { markFromInternet } from './zone';

/** Documents and images only: opening never runs anything, whatever an archive contained. */
const OPENABLE: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/heic': '.heic',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.oasis.opendocument.text': '.odt',
  'application/x-cfb': '.doc',
};

export async function storedFileResponse(
  core: Core,
  sha256: string,
  options: { thumb: boolean; download: boolean },
): Promise<Response> {
  try {
    const stored = options.thumb ? await core.thumbnail(sha256) : await core.storedFile(sha256);
    const file = await net.fetch(pathToFileURL(stored.path).toString());
    return new Response(file.body, { headers: storedFileHeaders(stored, options.download) });
  } catch {
    return new Response('文件不存在', { status: 404 });
  }
}

/**
 * Copies a stored file to a temporary folder under a safe name whose extension comes from its
 * sniffed type (never from the archive), marks it as from the internet (so Office opens it in
 * Protected View) and hands it to the system viewer.
 */
export async function openStoredFile(core: Core, sha256: string): Promise<Envelope<unknown>> {
  let stored;
  try {
    stored = await core.storedFile(sha256);
  } catch {
    return fail('not-found', '文件不存在');
  }
  const ext = OPENABLE[stored.mime ?? ''];
  if (!ext) return fail('not-openable', '这种文件不能直接打开（只能打开文档和图片）。');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'committee-desk-'));
  const base =
    stored.name
      .replace(/\.[^.]*$/, '')
      .replace(/[^\p{L}\p{N} _-]/gu, '_')
      .slice(0, 60) || '附件';
  const target = path.join(dir, base + ext);
  fs.copyFileSync(stored.path, target);
  markFromInternet(target);
  fs.chmodSync(target, 0o444);
  const error = await shell.openPath(target);
  return error ? fail('open-failed', `无法打开文件：${error}`) : ok({ opened: true });
}

/** Saves an artifact where the person chooses in a native dialog; cancelling discards it. */
export async function saveArtifact(
  core: Core,
  window: BrowserWindow | null,
  id: string,
  fileName: string,
): Promise<Envelope<{ saved: boolean; file?: string }>> {
  if (!artifactFile(core.info.dataDir, id)) return fail('not-found', '导出的文件已过期，请重新导出。');
  const options = { title: '保存', defaultPath: path.basename(fileName) };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) {
    discardArtifact(core.info.dataDir, id);
    return ok({ saved: false });
  }
  try {
    return ok({ saved: true, file: await deliverArtifact(core.info.dataDir, { id }, choice.filePath) });
  } catch (error) {
    if (error instanceof DeskError) return fail(error.code, error.message);
    return fail('write-failed', `无法保存文件：${error instanceof Error ? error.message : String(error)}`);
  }
}

/** desk://app/downloads/<id>: an artifact as a download (the renderer's fallback path). */
export async function artifactResponse(core: Core, url: URL): Promise<Response> {
  const file = artifactFile(core.info.dataDir, url.pathname.slice('/downloads/'.length));
  if (!file) return new Response('下载已过期，请重新导出', { status: 404 });
  const body = await net.fetch(pathToFileURL(file).toString());
  return new Response(body.body, { headers: artifactHeaders(url.searchParams.get('name') ?? 'download') });
}
