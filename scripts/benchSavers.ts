/**
 * 汇总与定级 while the reviewers work (#27): browser mode over the scale set (5,000 units, five
 * years, the current one 5,000 submissions), ten reviewers each saving a review every 200 ms
 * (autosave), while the office's page asks for `reviews.resultsPage` every
 * 100 ms. Prints the office's median and p99. Target: p99 under 200 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { callServer, startServer, stopServer } from '../tests/support/server';
import { build, FULL } from './benchScale';

const SECONDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

export async function benchSavers(): Promise<{ line: string[]; ok: boolean }> {
  const dataDir = await build(FULL);
  const { child, info } = await startServer(dataDir);
  try {
    for (let i = 4; i <= 10; i++) await callServer(info, 'reviewers.create', { name: `评审人${i}` });
    const reviewers = await callServer<Array<{ id: number }>>(info, 'reviewers.list');
    const page = await callServer<{ rows: Array<{ submissionId: number; reviews: Array<{ reviewerId: number }> }> }>(
      info,
      'reviews.resultsPage',
      {
        offset: 0,
        limit: 500,
      },
    );
    const submissions = page.rows.map((r) => r.submissionId);
    // Every item answered (as the scale set's reviews are), so a save may also be a 提交.
    const reviewed = page.rows.find((r) => r.reviews.length)!;
    const { answers } = await callServer<{ answers: Record<string, unknown> }>(info, 'reviews.get', {
      submissionId: reviewed.submissionId,
      reviewerId: reviewed.reviews[0]!.reviewerId,
    });
    const until = Date.now() + SECONDS * 1000;
    let saves = 0;
    const saver = async (reviewerId: number, n: number) => {
      for (let k = 0; Date.now() < until; k++) {
        await callServer(info, 'reviews.save', {
          submissionId: submissions[(n * 37 + k) % submissions.length],
          reviewerId,
          answers,
          bonus: k % 5,
          comment: `第 ${k} 次保存`,
          status: 'draft',
        });
        saves++;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const times: number[] = [];
    const office = async () => {
      while (Date.now() < until) {
        const start = performance.now();
        await callServer(info, 'reviews.resultsPage', { offset: 0, limit: 50 });
        times.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await Promise.all([office(), ...reviewers.slice(0, 10).map((r, n) => saver(r.id, n))]);
    times.sort((a, b) => a - b);
    const p99 = percentile(times, 0.99);
    const ok = p99 < 200;
    return {
      ok,
      line: [
        `汇总与定级一页 reviews.resultsPage，十位评审人同时保存（每人每 200 ms 一次，共 ${saves} 次）：中位 ${percentile(times, 0.5).toFixed(1)} ms，p99 ${p99.toFixed(1)} ms，最长 ${times.at(-1)!.toFixed(1)} ms（${times.length} 次；目标 p99 < 200 ms）${ok ? '达标' : '未达标'}`,
      ],
    };
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename))
  benchSavers().then((r) => console.log(r.line.join('\n')));
