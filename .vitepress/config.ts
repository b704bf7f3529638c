import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';
import { loadQuizzes } from '../harness/quiz/load.js';
import { codeTitles } from './code-titles.js';
import { interviewMarkdown } from './interview-markdown.js';
import { learnerProgress } from './learner-progress.js';
import { copyMermaid, prebuiltMermaid } from './prebuilt-mermaid.js';
import { repoLinks } from './repo-links.js';
import { buildSidebar, firstLinks } from './sidebar.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const docsDir = fileURLToPath(new URL('../docs/', import.meta.url));
const first = firstLinks(docsDir);

// Inline, so browsers do not ask for /favicon.ico and log a 404 on every page.
const faviconSvg =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='6' " +
  "fill='#d82c20'/><path d='M9 11h14M9 16h14M9 21h14' stroke='white' stroke-width='3' stroke-linecap='round'/></svg>";
const favicon = `data:image/svg+xml,${encodeURIComponent(faviconSvg)}`;

/** The dev server's first page load asks for /favicon.ico before the head is applied. */
const devFavicon: Plugin = {
  name: 'course-dev-favicon',
  configureServer(server) {
    server.middlewares.use('/favicon.ico', (_request, response) => {
      response.setHeader('content-type', 'image/svg+xml');
      response.end(faviconSvg);
    });
  },
};

export default withMermaid(
  defineConfig({
    title: 'Caching with Redis',
    description: 'Interview prep on caching with Redis for Node.js engineers, with labs against a real Redis and Postgres.',
    srcDir: 'docs',
    cleanUrls: true,
    appearance: true,
    head: [['link', { rel: 'icon', href: favicon }]],
    lastUpdated: false,
    markdown: {
      config: (md) => {
        md.use(repoLinks(docsDir.replace(/\/$/, ''), repoRoot.replace(/\/$/, '')));
        md.use(codeTitles(repoRoot.replace(/\/$/, '')));
      },
    },
    // Lessons and labs are code and diagrams as much as prose: their pages get a wider
    // column (theme/style.css, `.wide-doc`).
    buildEnd: (site) => copyMermaid(site.outDir),
    transformPageData(pageData) {
      if (/^(lessons|labs)\//.test(pageData.relativePath)) pageData.frontmatter.pageClass ??= 'wide-doc';
    },
    themeConfig: {
      nav: [
        { text: 'Lessons', link: first.lesson ?? '/', activeMatch: '^/lessons/' },
        { text: 'Labs', link: first.lab ?? '/', activeMatch: '^/labs/' },
        { text: 'Interview questions', link: '/interview' },
        { text: 'Measured', link: '/bench' },
      ],
      sidebar: buildSidebar(docsDir),
      outline: { level: [2, 3] },
      search: {
        provider: 'local',
        options: {
          // The interview page is filled in by a component at build time; feed its
          // questions and answers to the index too, so search finds them.
          async _render(src, env, md) {
            const html = md.render(src, env);
            if (env.frontmatter?.search === false) return '';
            if (env.relativePath !== 'interview.md') return html;
            const { quizzes } = await loadQuizzes({ root: repoRoot });
            return html + md.render(interviewMarkdown(quizzes).markdown, env);
          },
        },
      },
      docFooter: { prev: 'Previous', next: 'Next' },
    },
    // Sequence diagrams are drawn at their natural size, up to the column's width: a
    // narrower gap between participants (the default is 50 px) keeps five of them on one
    // screen; a long message still widens its own gap.
    mermaid: { sequence: { actorMargin: 30 } },
    vite: {
      plugins: [devFavicon, learnerProgress(), prebuiltMermaid()],
      // The dev server imports Mermaid's own prebuilt ESM bundle, not its sources: it never
      // meets fastdom, an old UMD file those sources import that it cannot serve raw
      // (emersonbottero/vitepress-plugin-mermaid#98). A build bundles none of Mermaid
      // (prebuilt-mermaid.ts).
      resolve: { alias: [{ find: /^mermaid$/, replacement: 'mermaid/dist/mermaid.esm.min.mjs' }] },
    },
  }),
);
