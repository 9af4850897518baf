import fs from 'node:fs';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../core';
import { artifactFile } from '../core/transfer/artifacts';
import { newUploadPath } from '../core/transfer/uploads';
import { artifactHeaders, storedFileHeaders } from '../transport/serving';

const MAX_UPLOAD = 4 * 1024 ** 3;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** POST /api/upload: the request body is one file's bytes, streamed to the uploads area under a random id. */
export async function receiveUpload(core: Core, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD) return json(res, 413, { ok: false, error: { code: 'too-large', message: '文件过大（上限 4 GB）' } });
  const { id, file } = newUploadPath(core.info.dataDir);
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_UPLOAD) req.destroy(new Error('too large'));
  });
  try {
    await pipeline(req, fs.createWriteStream(file, { highWaterMark: 1024 * 1024 }));
  } catch {
    fs.rmSync(file, { force: true });
    return json(res, 400, { ok: false, error: { code: 'upload-failed', message: '上传中断，请重试' } });
  }
  json(res, 200, { ok: true, value: { id, size } });
}

/**
 * GET /files/<sha256>: stored bytes by content hash only — never by a name or a path from an
 * archive. `?thumb=1` asks for a photo's small copy (galleries).
 */
export async function serveStoredFile(core: Core, url: URL, res: http.ServerResponse): Promise<void> {
  const sha = url.pathname.slice('/files/'.length);
  let stored;
  try {
    stored = url.searchParams.has('thumb') ? await core.thumbnail(sha) : await core.storedFile(sha);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('文件不存在');
    return;
  }
  res.writeHead(200, { ...storedFileHeaders(stored, url.searchParams.get('download') !== null), 'cache-control': 'private, max-age=31536000, immutable' });
  const stream = fs.createReadStream(stored.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** GET /downloads/<id>?name=…: an artifact an operation made (an export, a package), sent once and removed. */
export function serveArtifact(core: Core, url: URL, res: http.ServerResponse): void {
  const file = artifactFile(core.info.dataDir, url.pathname.slice('/downloads/'.length));
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('下载已过期，请重新导出');
    return;
  }
  res.writeHead(200, artifactHeaders(url.searchParams.get('name') ?? 'download'));
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  stream.on('close', () => fs.rmSync(file, { force: true }));
}
