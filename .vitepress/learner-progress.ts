import { join } from 'node:path';
import type { Plugin } from 'vite';
import { labSummaries } from '../harness/learner/lab-summary.js';
import { LEARNER_DIR } from '../harness/learner/learner-file.js';
import { PROGRESS_FILE } from '../harness/learner/progress.js';

// Where the dev server answers, and the event it sends; LabProgress.vue uses the same two.
const PROGRESS_URL = '/__course/progress.json';
const PROGRESS_EVENT = 'course:progress';

/**
 * While the site is served locally (`npm run dev`), lab pages and the home page show the
 * learner's own progress: the same record `npm test` writes and `npm run status` prints.
 * The dev server answers PROGRESS_URL and tells open pages when a run finishes. A built
 * site (`apply: 'serve'`) has none of this, and its pages show no progress.
 */
export function learnerProgress(): Plugin {
  const file = join(LEARNER_DIR, PROGRESS_FILE);
  return {
    name: 'course-learner-progress',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(PROGRESS_URL, (_request, response) => {
        response.setHeader('content-type', 'application/json');
        try {
          response.end(JSON.stringify(labSummaries()));
        } catch (error) {
          response.statusCode = 500;
          response.end(JSON.stringify({ error: (error as Error).message }));
        }
      });
      server.watcher.add(file);
      const changed = (path: string) => {
        if (path === file) server.ws.send({ type: 'custom', event: PROGRESS_EVENT });
      };
      server.watcher.on('add', changed);
      server.watcher.on('change', changed);
    },
  };
}
