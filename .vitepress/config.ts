import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';
import { loadQuizzes } from '../harness/quiz/load.js';
import { interviewMarkdown } from './interview-markdown.js';
import { repoLinks } from './repo-links.js';
import { buildSidebar, firstLinks } from './sidebar.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const docsDir = fileURLToPath(new URL('../docs/', import.meta.url));
const first = firstLinks(docsDir);

// Inline, so browsers do not ask for /favicon.ico and log a 404 on every page.
const favicon =
  "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>" +
  "<rect width='32' height='32' rx='6' fill='%23d82c20'/><path d='M9 11h14M9 16h14M9 21h14' " +
  "stroke='white' stroke-width='3' stroke-linecap='round'/></svg>";

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
      config: (md) => md.use(repoLinks(docsDir.replace(/\/$/, ''), repoRoot.replace(/\/$/, ''))),
    },
    themeConfig: {
      nav: [
        { text: 'Lessons', link: first.lesson ?? '/', activeMatch: '^/lessons/' },
        { text: 'Labs', link: first.lab ?? '/', activeMatch: '^/labs/' },
        { text: 'Interview questions', link: '/interview' },
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
    mermaid: {},
    // Mermaid alone is several hundred kB per diagram type; that is expected, not a warning.
    vite: { build: { chunkSizeWarningLimit: 3000 } },
  }),
);
