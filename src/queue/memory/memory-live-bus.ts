import { EventEmitter } from 'node:events';
import type { DocumentNotice, LiveBus, LiveListener } from '../live-bus.js';

/**
 * Notices within one process: what a single-machine (SQLite) deployment and tests use. Listeners are called
 * synchronously in publish order.
 * @example const bus = new MemoryLiveBus(); await bus.subscribe((notice) => console.log(notice));
 */
export class MemoryLiveBus implements LiveBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(notice: DocumentNotice): Promise<void> {
    this.emitter.emit('notice', notice);
  }

  async subscribe(listener: LiveListener): Promise<() => Promise<void>> {
    this.emitter.on('notice', listener);
    return async () => {
      this.emitter.off('notice', listener);
    };
  }

  /** Nothing to release: the bus may be shared by the whole process, so each listener leaves by its own stop. */
  async close(): Promise<void> {}
}
