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
}

/** A menu choice in the desktop shell that the renderer acts on (the about dialog, an import). */
interface MenuEvent {
  type: 'menu';
  action: 'about' | 'import-roster' | 'export-roster';
}

export type DeskEvent = ProgressEvent | NoticeEvent | MenuEvent;

export class EventBus {
  private readonly emitter = new EventEmitter();

  emit(event: DeskEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
