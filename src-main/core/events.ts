import { EventEmitter } from 'node:events';
import type { Topic } from '../common/topics';

/** Progress of a long job; shells forward these over IPC events or Server-Sent Events. */
interface ProgressEvent {
  type: 'progress';
  job: string;
  operation: string;
  done: number;
  total: number;
  message: string;
  /** Bytes behind `done` and `total`, where the job knows them. */
  bytesDone?: number;
  bytesTotal?: number;
}

interface NoticeEvent {
  type: 'changed';
  /** Which data changed, so other windows (or a CLI run beside the app) can refresh. */
  topic: Topic;
  /** Seen in the database file rather than announced by the thread that wrote it. */
  external?: boolean;
  /**
   * The change is one reviewer's own work, or concerns only them (their save, the office's 退回 of it):
   * another reviewer's page on a review day need not hear of it. Absent: it may concern anyone.
   */
  reviewerId?: number;
}

/** A menu choice in the desktop shell that the renderer acts on (the about dialog, an import). */
interface MenuEvent {
  type: 'menu';
  action: 'about' | 'import-roster' | 'export-roster';
}

export type DeskEvent = ProgressEvent | NoticeEvent | MenuEvent;

/** How long an announced topic makes a change seen in the file its echo (twice the watcher's interval, and some). */
const ECHO_MS = 4_000;

export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly announced = new Map<Topic, number>();

  /**
   * A thread that commits announces what its operation declared; the primary's watcher then sees the
   * same commit in the file. Such an `external` change of a topic announced moments ago is that echo,
   * and dropped: every page reloads once per change, not twice.
   */
  emit(event: DeskEvent): void {
    if (event.type === 'changed') {
      const now = Date.now();
      if (event.external && now - (this.announced.get(event.topic) ?? -Infinity) < ECHO_MS) return;
      if (!event.external) this.announced.set(event.topic, now);
    }
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
