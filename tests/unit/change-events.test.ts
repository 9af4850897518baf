import { describe, expect, it, vi } from 'vitest';
import type { Topic } from '../../src-main/common/topics';
import { EventBus, type DeskEvent } from '../../src-main/core/events';
import { sectorOf } from '../support/sectors';
import { openTestCore } from './helpers';

const topicsOf = (events: DeskEvent[]): Topic[] =>
  [...new Set(events.flatMap((e) => (e.type === 'changed' ? [e.topic] : [])))].sort();

describe('change events say what changed', () => {
  it('a write by another process is announced by the topics of the tables it moved, not all of them', async () => {
    const app = openTestCore();
    const cli = openTestCore(app.dataDir);
    const seen: DeskEvent[] = [];
    app.core.subscribe((event) => seen.push(event));
    // A unit created beside the app (a CLI run): the app's watcher sees the commit in the file.
    await cli.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(cli, '金融团工委') });
    await vi.waitFor(() => expect(topicsOf(seen)).toContain('units'), { timeout: 5_000 });
    expect(topicsOf(seen)).toEqual(['audit', 'units']);
    expect(seen.every((e) => e.type !== 'changed' || e.external)).toBe(true);

    // A review setting saved beside the app: reviews (and the log), not units again.
    seen.length = 0;
    await cli.call('reviewers.create', { name: '王老师' });
    await vi.waitFor(() => expect(topicsOf(seen)).toContain('reviews'), { timeout: 5_000 });
    expect(topicsOf(seen)).toEqual(['audit', 'reviews']);
  });

  it('a change a thread announced is not announced again when the watcher sees it in the file', () => {
    const bus = new EventBus();
    const seen: DeskEvent[] = [];
    bus.subscribe((event) => seen.push(event));
    bus.emit({ type: 'changed', topic: 'reviews' });
    bus.emit({ type: 'changed', topic: 'reviews', external: true });
    // Another topic seen in the file was nobody's announcement: it goes through.
    bus.emit({ type: 'changed', topic: 'units', external: true });
    expect(seen).toEqual([
      { type: 'changed', topic: 'reviews' },
      { type: 'changed', topic: 'units', external: true },
    ]);
  });
});
