// Two app instances in one bench process: each must have its own copy of the module under
// test, as two Node processes would, or a module-level Map would pass for shared state.
// A query string makes the ESM loader treat the same file as a new module (only that file:
// what it imports is still shared, which is enough for state kept in the file itself).

/**
 * Loads `specifier` (resolved against `base`, usually `import.meta.url`) `count` times as
 * separate module instances. The caller names the module's type, as `typeof import(...)`.
 */
export async function loadSeparately<M>(specifier: string, base: string, count: number): Promise<M[]> {
  const modules: M[] = [];
  for (let instance = 0; instance < count; instance++) {
    const url = new URL(specifier, base);
    url.searchParams.set('instance', String(instance));
    modules.push((await import(url.href)) as M);
  }
  return modules;
}
