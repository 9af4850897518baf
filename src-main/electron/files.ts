import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, shell } from 'electron';
import type { Core } from '../core';
import { fail, ok, type Envelope } from '../core/contract/errors';
import { storedFileHeaders } from '../core/store/serving';

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

export async function storedFileResponse(core: Core, sha256: string, options: { thumb: boolean; download: boolean }): Promise<Response> {
  try {
    const stored = options.thumb ? await core.thumbnail(sha256) : core.storedFile(sha256);
    const file = await net.fetch(pathToFileURL(stored.path).toString());
    return new Response(file.body, { headers: storedFileHeaders(stored, options.download) });
  } catch {
    return new Response('文件不存在', { status: 404 });
  }
}

/**
 * Copies a stored file to a temporary folder under a safe name whose extension comes from its
 * sniffed type (never from the archive), then hands it to the system viewer.
 */
export async function openStoredFile(core: Core, sha256: string): Promise<Envelope<unknown>> {
  let stored;
  try {
    stored = core.storedFile(sha256);
  } catch {
    return fail('not-found', '文件不存在');
  }
  const ext = OPENABLE[stored.mime ?? ''];
  if (!ext) return fail('not-openable', '这种文件不能直接打开（只能打开文档和图片）。');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'committee-desk-'));
  const base = stored.name.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N} _-]/gu, '_').slice(0, 60) || '附件';
  const target = path.join(dir, base + ext);
  fs.copyFileSync(stored.path, target);
  fs.chmodSync(target, 0o444);
  const error = await shell.openPath(target);
  return error ? fail('open-failed', `无法打开文件：${error}`) : ok({ opened: true });
}

/** desk://app/downloads/<id>: a prepared review package or result; Electron asks where to save it. */
export async function downloadResponse(core: Core, url: URL): Promise<Response> {
  const file = core.download(url.pathname.slice('/downloads/'.length));
  if (!file) return new Response('下载已过期，请重新导出', { status: 404 });
  const body = await net.fetch(pathToFileURL(file).toString());
  const name = url.searchParams.get('name') ?? 'download';
  return new Response(body.body, { headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` } });
}
