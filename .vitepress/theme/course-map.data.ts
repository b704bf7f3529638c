import { fileURLToPath } from 'node:url';
import { defineLoader } from 'vitepress';
import { readPages } from '../sidebar.js';

/** Every lesson in order, with its lab when it has one: the home page's map of the course. */
export interface CourseMapRow {
  number: string;
  lesson: { title: string; link: string };
  lab?: { title: string; link: string };
}

declare const data: CourseMapRow[];
export { data };

const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url));

export default defineLoader({
  watch: ['../../docs/lessons/*.md', '../../docs/labs/*.md'],
  load(): CourseMapRow[] {
    const labs = new Map(readPages(docsDir, 'labs').map((lab) => [lab.link.split('/').pop()!.slice(0, 2), lab]));
    return readPages(docsDir, 'lessons').map((lesson) => {
      const number = lesson.link.split('/').pop()!.slice(0, 2);
      const lab = labs.get(number);
      return { number, lesson: { title: lesson.title, link: lesson.link }, ...(lab ? { lab: { title: lab.title, link: lab.link } } : {}) };
    });
  },
});
