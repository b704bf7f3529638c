// Lab 07: how the instances of the app tell each other that keys changed.
import { EventEmitter } from 'node:events';
import type { InvalidationBus, InvalidationBusOptions } from './contract.js';

/** Resolves once the instance hears invalidations. */
export async function openInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  // TODO(07): this emitter lives in this instance's memory. Another instance (another
  // process, with its own Redis connections) never hears what is emitted here. Use
  // Redis: PUBLISH on `redis`, SUBSCRIBE on `subscriber`. What should a message carry?
  const local = new EventEmitter();
  local.on('keys', options.onKeys);

  // TODO(07): when the subscriber's connection drops and comes back, whatever was
  // published in between is lost for good. Nothing here notices, so onResubscribed is
  // never called.

  return {
    async publish(keys) {
      local.emit('keys', [...keys]);
    },
    async close() {
      local.removeAllListeners();
    },
  };
}
