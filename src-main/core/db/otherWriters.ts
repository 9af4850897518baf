import type { Topic } from '../../common/topics';
import type { EventBus } from '../events';
import type { DeskDatabase } from './open';
import type { RecordTable } from './memo';

/** Which topic a write to each table of records concerns (the tables with version triggers, migration 0020). */
const TABLE_TOPIC: Record<RecordTable, Topic> = {
  units: 'units',
  unit_aliases: 'units',
  unit_status_history: 'units',
  unit_star_history: 'units',
  sectors: 'sectors',
  campaigns: 'campaigns',
  checklist_items: 'campaigns',
  settings: 'settings',
  submissions: 'submissions',
  submission_history: 'submissions',
  attachments: 'submissions',
  intake_sources: 'submissions',
  reminders: 'submissions',
  reviewers: 'reviews',
  reviews: 'reviews',
  review_history: 'reviews',
  review_assignments: 'reviews',
  decisions: 'reviews',
  practices: 'reviews',
  review_packages: 'reviews',
  honors: 'reviews',
};

function versions(sqlite: DeskDatabase['sqlite']): Map<string, number> {
  const rows = sqlite.prepare('SELECT name, version FROM table_versions').all() as Array<{
    name: string;
    version: number;
  }>;
  return new Map(rows.map((r) => [r.name, r.version]));
}

/** The topics a commit of another connection touched, from the tables whose write counts moved. */
function topicsBetween(before: Map<string, number>, after: Map<string, number>): Topic[] {
  const topics = new Set<Topic>();
  for (const [name, version] of after) {
    if (before.get(name) !== version && name in TABLE_TOPIC) topics.add(TABLE_TOPIC[name as RecordTable]);
  }
  // Every write an operation makes is recorded in 操作记录; a commit that moved no table of records
  // wrote the full-text index (a `desk search` catching up) or the log alone.
  topics.add('audit');
  if (topics.size === 1) topics.add('search');
  return [...topics];
}

/**
 * SQLite bumps `data_version` when another connection commits, so a CLI import beside the running
 * app shows up in its windows without a reload. Only the topics whose tables moved are announced,
 * marked `external`: a sibling thread of a hosted core has announced its own already, and the event
 * bus drops the echo (core/events.ts).
 */
export function watchOtherWriters(sqlite: DeskDatabase['sqlite'], events: EventBus, intervalMs = 1500): NodeJS.Timeout {
  let seen = sqlite.pragma('data_version', { simple: true });
  let tables = versions(sqlite);
  const timer = setInterval(() => {
    if (!sqlite.open) return;
    const now = sqlite.pragma('data_version', { simple: true });
    if (now === seen) return;
    seen = now;
    const next = versions(sqlite);
    for (const topic of topicsBetween(tables, next)) events.emit({ type: 'changed', topic, external: true });
    tables = next;
  }, intervalMs);
  timer.unref();
  return timer;
}
