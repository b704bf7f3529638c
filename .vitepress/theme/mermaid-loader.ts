import type { MermaidConfig } from 'mermaid';
import { withBase } from 'vitepress';

/**
 * What the site's diagrams import as `mermaid` in a built site (see prebuilt-mermaid.ts):
 * the calls the diagram component makes, each loading Mermaid's prebuilt bundle from the
 * site itself on first use. A page without a diagram never loads it.
 */
type Mermaid = typeof import('mermaid').default;

let loading: Promise<Mermaid> | undefined;
// Computed at run time, so the build leaves the import alone and bundles nothing of Mermaid.
const load = () => (loading ??= import(/* @vite-ignore */ withBase('/mermaid/mermaid.esm.min.mjs')).then((module: { default: Mermaid }) => module.default));

/** The configuration for the next render: the component sets it before each one (the theme can change between renders). */
let nextConfig: MermaidConfig = {};

export default {
  registerExternalDiagrams: async (...args: Parameters<Mermaid['registerExternalDiagrams']>) => (await load()).registerExternalDiagrams(...args),
  initialize: (config: MermaidConfig) => {
    nextConfig = config;
  },
  render: async (id: string, text: string) => {
    const mermaid = await load();
    mermaid.initialize(nextConfig);
    return mermaid.render(id, text);
  },
};
