import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../../core';
import { artifactFile } from '../../core/transfer/artifacts';
import { newUploadPath, uploadsDir } from '../../core/transfer/uploads';
import { artifactHeaders, storedFileHeaders } from '../serving';

const MAX_UPLOAD = 4 * 1024 ** 3;
const DEFAULT_UPLOAD_QUOTA = 16 * 1024 ** 3;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** POST /api/upload: the request body is one file's bytes, streamed to the uploads area under a random id. */
/** What waits in uploads/ (files a page sent that no operation has taken yet). */
function waitingBytes(dir: string): number {
  let total = 0;
  try {
    for (const name of fs.readdirSync(dir)) {
      try {
        total += fs.statSync(path.join(dir, name)).size;
      } catch {
        // Taken meanwhile.
      }
    }
  } catch {
    // No uploads yet.
  }
  return total;
}

/**
 * POST /api/upload: streams one file into a new upload slot. Refused with 413 when it alone is
 * over 4 GB, or when it would take what waits in uploads/ over the quota (16 GB unless the server
 * was started with another): a page left uploading in a loop must not fill the disk. A cut
 * upload is removed at once.
 */
export async function receiveUpload(
  core: Core,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  quota = DEFAULT_UPLOAD_QUOTA,
): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD)
    return json(res, 413, { ok: false, error: { code: 'too-large', message: '文件过大（上限 4 GB）' } });
  const dir = uploadsDir(core.info.dataDir);
  const waiting = waitingBytes(dir);
  const full = () =>
    json(res, 413, {
      ok: false,
      error: {
        code: 'too-large',
        message: `上传区已满：还有 ${(waiting / 1024 ** 3).toFixed(1)} GB 已上传、尚未导入的文件。请先完成或取消正在进行的导入，再上传。`,
      },
    });
  if (waiting + declared > quota) return full();
  const { id, file } = newUploadPath(core.info.dataDir);
  let size = 0;
  let overQuota = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_UPLOAD) req.destroy(new Error('too large'));
    else if (waiting + size > quota) {
      overQuota = true;
      req.destroy(new Error('over quota'));
    }
  });
  try {
    await pipeline(req, fs.createWriteStream(file, { highWaterMark: 1024 * 1024 }));
  } catch {
    fs.rmSync(file, { force: true });
    if (overQuota && !res.headersSent) return full();
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
  res.writeHead(200, {
    ...storedFileHeaders(stored, url.searchParams.get('download') !== null),
    'cache-control': 'private, max-age=31536000, immutable',
  });
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
