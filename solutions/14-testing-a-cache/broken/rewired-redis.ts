// Not a broken cache: what several of them share. The working cache calls get, set and del
// on its client; a broken copy hands it a client where one of those does something else.
import type { Redis } from 'ioredis';

type Methods = Partial<Pick<Redis, 'get' | 'set' | 'del'>>;

/** `redis`, except for the methods given, which stand in for its own. */
export function rewired(redis: Redis, methods: Methods): Redis {
  return new Proxy(redis, {
    get(target, name) {
      if (Object.hasOwn(methods, name)) return methods[name as keyof Methods];
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
