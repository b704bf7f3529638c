import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** Mermaid's prebuilt browser bundle: one entry that imports its diagram types as chunks on demand. */
const ENTRY = 'mermaid.esm.min.mjs';
const PREBUILT = `mermaid/dist/${ENTRY}`;
const mermaidDist = dirname(createRequire(import.meta.url).resolve(PREBUILT));
const LOADER = fileURLToPath(new URL('./theme/mermaid-loader.ts', import.meta.url));

/**
 * A built site does not bundle Mermaid: its diagrams import theme/mermaid-loader.ts,
 * which loads Mermaid's own prebuilt ESM from `<base>mermaid/` (copied there by
 * `copyMermaid`) on a page's first diagram. Bundling it made Rollup parse and minify
 * megabytes of already minified code on every build (33 -> 17 s, half the build's CPU,
 * on two cores), and put Mermaid in the script every page loads. The dev server keeps importing
 * the prebuilt file from node_modules (the alias in config.ts, whose target this
 * plugin takes over in a build).
 */
export function prebuiltMermaid(): Plugin {
  return {
    name: 'course-prebuilt-mermaid',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source) => (source === PREBUILT ? LOADER : null),
  };
}

/** Copies the prebuilt bundle, its entry and its chunks, without source maps, to where the loader imports it from. */
export function copyMermaid(outDir: string): void {
  const chunks = join('chunks', 'mermaid.esm.min');
  cpSync(join(mermaidDist, ENTRY), join(outDir, 'mermaid', ENTRY));
  cpSync(join(mermaidDist, chunks), join(outDir, 'mermaid', chunks), { recursive: true, filter: (source) => !source.endsWith('.map') });
}
