/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The function handed to page.evaluate runs in the browser, hence the DOM types.
import type { Page } from 'playwright-core';

/** The width learners read the site at, and the limits a diagram must keep to stay legible. */
export const VIEWPORT_WIDTH = 1280;
const MIN_DIAGRAM_SCALE = 0.75;
const MIN_LABEL_PX = 11;

/**
 * How a lesson reads at 1280 px, in the browser: code blocks that scroll sideways (a
 * learner loses the end of every long line), and mermaid diagrams shrunk to fit the
 * column (scaled below 75%, labels under 11 px) or with labels cut off. Collapsed blocks
 * are opened first, since a learner opens them too. Returns one line per problem.
 */
export async function readabilityOf(page: Page, path: string): Promise<{ code: string[]; diagrams: string[] }> {
  await page.setViewportSize({ width: VIEWPORT_WIDTH, height: 800 });
  const found = await page.evaluate(
    ({ minScale, minLabel }) => {
      for (const details of document.querySelectorAll('.vp-doc details')) details.setAttribute('open', '');
      const code = [...document.querySelectorAll<HTMLElement>('.vp-doc div[class*="language-"] pre')]
        .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
        .map((pre) => `code block "${(pre.textContent ?? '').split('\n')[0]!.trim().slice(0, 48)}" is ${pre.scrollWidth - pre.clientWidth} px too wide`);
      const diagrams: string[] = [];
      [...document.querySelectorAll<SVGSVGElement>('.vp-doc .mermaid svg')].forEach((svg, i) => {
        const intrinsic = svg.viewBox.baseVal?.width || svg.getBBox().width;
        const scale = intrinsic ? svg.getBoundingClientRect().width / intrinsic : 1;
        if (scale < minScale) diagrams.push(`diagram ${i + 1} is shown at ${Math.round(scale * 100)}% of its size`);
        const sizes = [...svg.querySelectorAll('text, .nodeLabel, .edgeLabel, .label span')]
          .filter((label) => (label.textContent ?? '').trim() !== '')
          .map((label) => parseFloat(getComputedStyle(label).fontSize) * scale);
        const smallest = Math.min(...sizes);
        if (sizes.length && smallest < minLabel) diagrams.push(`diagram ${i + 1} has labels of ${smallest.toFixed(1)} px`);
        const clipped = [...svg.querySelectorAll('foreignObject')].filter((box) => {
          const inner = box.firstElementChild as HTMLElement | null;
          if (inner === null) return false;
          return inner.scrollWidth > box.width.baseVal.value + 1 || inner.scrollHeight > box.height.baseVal.value + 1;
        }).length;
        if (clipped) diagrams.push(`diagram ${i + 1} cuts off ${clipped} label(s)`);
      });
      return { code, diagrams };
    },
    { minScale: MIN_DIAGRAM_SCALE, minLabel: MIN_LABEL_PX },
  );
  const at = (line: string) => `${path}: ${line}`;
  return { code: found.code.map(at), diagrams: found.diagrams.map(at) };
}
