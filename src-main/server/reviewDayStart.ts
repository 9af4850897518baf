import { CLI_OFFICE } from '../common/principal';
import type { Core } from '../core';
import type { OpOutput } from '../core/operations';

/** HH:MM today in China time (tomorrow when already past), or 18:00 — four hours on when that has passed too. */
function endOf(until: string | undefined, now = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const [h, m] = (until && /^\d{1,2}:\d{2}$/.test(until) ? until : '18:00').split(':').map(Number);
  let end = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), h!, m!) - 8 * 3_600_000;
  if (end <= now.getTime() + 5 * 60_000) end = until ? end + 24 * 3_600_000 : now.getTime() + 4 * 3_600_000;
  return new Date(end).toISOString();
}

/**
 * `desk serve --lan ADDRESS`: opens the review day (or finds the one already open after a restart)
 * and waits until the server listens on it; the reviewers' address, or a refusal in Chinese.
 */
export async function openReviewDay(core: Core, address: string, until: string | undefined): Promise<string> {
  const started = await core.invoke('reviewDay.start', { address, endsAt: endOf(until) }, CLI_OFFICE);
  if (!started.ok && started.error.code !== 'review-day-active') throw new Error(started.error.message);
  for (let i = 0; i < 100; i++) {
    const status = await core.invoke('reviewDay.status', undefined, CLI_OFFICE);
    const day = status.ok ? (status.value as OpOutput<'reviewDay.status'>).day : null;
    if (day?.port) return `http://${day.address}:${day.port}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`无法在 ${address} 上开放集中评审（地址被占用或不属于本机）。`);
}
