import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callServer, startServer, stopServer, uploadToServer } from './server';
import { makeDocx, makePng, writeZip } from './zipWriter';

/**
 * A review day under load, over real HTTP to the built browser-mode server: `reviewers` reviewers
 * signed in on 127.0.0.2, each autosaving every 600 ms (every fifth step moving on to read their
 * next submission), while the office's 概览 is open and — with `intake` — the office imports ZIPs
 * the whole time. Afterwards every acknowledged save is looked for in the stored reviews and their
 * history: none may be lost, and none overwritten by anything but the reviewer's own next save.
 */
export interface LoadResult {
  saves: number;
  reads: number;
  lost: number;
  overwritten: number;
  conflicts: number;
  failures: number;
  saveP99Ms: number;
  readP99Ms: number;
  imported: number;
}

const PER_REVIEWER = 4;

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! : 0;
}

function zip(name: string, seed: number): Buffer {
  return writeZip([
    { name: '工作总结.docx', data: makeDocx(`${name}全年开展组织化学习五次，青年夜校六期。`) },
    ...[1, 2, 3].map((p) => ({ name: `照片${p}.png`, data: makePng(seed * 3 + p, 24) })),
  ]);
}

export async function reviewDayLoad(options: {
  reviewers: number;
  seconds: number;
  intake: boolean;
}): Promise<LoadResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-load-'));
  const { child, info } = await startServer(dataDir);
  const office = <T>(name: string, input?: unknown) => callServer<T>(info, name, input);
  try {
    const ids: number[] = [];
    for (let i = 0; i < options.reviewers * PER_REVIEWER; i++) {
      const name = `负载测试第${i + 1}集体`;
      await office('units.create', { name });
      const done = await office<{ sources: Array<{ submission_id: number }> }>('intake.import', {
        files: [await uploadToServer(info, zip(name, i), `${name}.zip`)],
      });
      ids.push(done.sources[0]!.submission_id);
    }
    const reviewers: Array<{ id: number; cookie: string; queue: number[] }> = [];
    for (let r = 0; r < options.reviewers; r++) {
      const reviewer = await office<{ id: number }>('reviewers.create', { name: `评审人${r + 1}` });
      const queue = ids.slice(r * PER_REVIEWER, (r + 1) * PER_REVIEWER);
      await office('reviews.assign', { request: { mode: 'hand', submissionIds: queue, reviewerIds: [reviewer.id] } });
      reviewers.push({ id: reviewer.id, cookie: '', queue });
    }
    await office('reviewDay.start', {
      address: '127.0.0.2',
      endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    let lan = '';
    for (let i = 0; i < 100 && !lan; i++) {
      const { day } = await office<{ day: { address: string; port: number | null } }>('reviewDay.status');
      if (day.port) lan = `http://${day.address}:${day.port}`;
      else await new Promise((r) => setTimeout(r, 50));
    }
    const { codes } = await office<{ codes: Array<{ reviewerId: number; code: string }> }>('reviewDay.status');
    for (const r of reviewers) {
      const login = await fetch(`${lan}/api/session.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: codes.find((c) => c.reviewerId === r.id)!.code }),
      });
      r.cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    }

    const saveMs: number[] = [];
    const readMs: number[] = [];
    const acknowledged = new Map<string, string[]>();
    let conflicts = 0;
    let failures = 0;
    const until = Date.now() + options.seconds * 1000;
    const call = async (r: (typeof reviewers)[number], name: string, input: unknown) => {
      const response = await fetch(`${lan}/api/${name}`, {
        method: 'POST',
        headers: { cookie: r.cookie, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as { ok: boolean; value?: { version: number | null }; error?: { code: string } };
    };
    const walk = async (r: (typeof reviewers)[number]) => {
      let at = 0;
      let step = 0;
      const versions = new Map<number, number | null>();
      while (Date.now() < until) {
        const submissionId = r.queue[at % r.queue.length]!;
        // Each move to a submission reads it, as the page does (not only the first visit: a reviewer
        // walks their queue round and round here, and a read's p99 needs more than one read each).
        if (step % 5 === 0) {
          const t0 = performance.now();
          const [review] = await Promise.all([
            call(r, 'reviews.get', { submissionId }),
            call(r, 'submissions.get', { id: submissionId }),
          ]);
          readMs.push(performance.now() - t0);
          versions.set(submissionId, review.value?.version ?? null);
        }
        const comment = `评审人${r.id}第${step}次`;
        const t0 = performance.now();
        const saved = await call(r, 'reviews.save', {
          submissionId,
          answers: {},
          comment,
          basedOn: versions.get(submissionId),
        });
        saveMs.push(performance.now() - t0);
        if (saved.ok) {
          versions.set(submissionId, saved.value!.version);
          const key = `${r.id}:${submissionId}`;
          acknowledged.set(key, [...(acknowledged.get(key) ?? []), comment]);
        } else if (saved.error?.code === 'conflict') conflicts++;
        else failures++;
        step++;
        if (step % 5 === 0) at++;
        await new Promise((resolve) => setTimeout(resolve, 600));
      }
    };
    let imported = 0;
    const intake = async () => {
      for (let n = 0; options.intake && Date.now() < until; n++) {
        const name = `收件中的第${n + 1}集体`;
        await office('intake.import', { files: [await uploadToServer(info, zip(name, 1000 + n), `${name}.zip`)] });
        imported++;
        await office('app.overview');
      }
    };
    await Promise.all([...reviewers.map(walk), intake()]);

    let lost = 0;
    let overwritten = 0;
    for (const [key, comments] of acknowledged) {
      const [reviewerId, submissionId] = key.split(':').map(Number);
      const stored = await office<{ comment: string }>('reviews.get', { submissionId, reviewerId });
      if (stored.comment !== comments.at(-1)) lost++;
      const history = await office<Array<{ snapshot: { comment: string } }>>('reviews.history', {
        submissionId,
        reviewerId,
      });
      // Each acknowledged save is in the history, in the order it was made, and nothing else is.
      if (JSON.stringify(history.map((h) => h.snapshot.comment)) !== JSON.stringify(comments)) overwritten++;
    }
    return {
      saves: saveMs.length,
      reads: readMs.length,
      lost,
      overwritten,
      conflicts,
      failures,
      saveP99Ms: p99(saveMs),
      readP99Ms: p99(readMs),
      imported,
    };
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
