import { existsSync } from 'node:fs';
import { defineLoader } from 'vitepress';
import { REPO_ROOT } from '../../harness/quiz/load.js';
import { interviewMarkdown } from '../interview-markdown.js';
import { loadValidQuizzes, siteMarkdown } from './quiz-view.js';

/** The interview page's body as HTML, built from the same quiz files as the quizzes. */
export interface InterviewData {
  html: string;
  count: number;
}

declare const data: InterviewData;
export { data };

export default defineLoader({
  watch: ['../../quizzes/*.yaml'],
  async load(): Promise<InterviewData> {
    const md = await siteMarkdown();
    const quizzes = await loadValidQuizzes();
    const hasLesson = (lesson: string) => existsSync(`${REPO_ROOT}docs/lessons/${lesson}.md`);
    const { markdown, count } = interviewMarkdown(quizzes, hasLesson);
    return { html: md.render(markdown, {}), count };
  },
});
