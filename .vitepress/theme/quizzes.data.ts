import { defineLoader } from 'vitepress';
import { loadValidQuizzes, siteMarkdown, toView, type QuizView } from './quiz-view.js';

/** Every quiz, keyed by lesson slug, for <Quiz lesson="04-stampede" /> and the home page. */
export type QuizData = Record<string, QuizView>;

declare const data: QuizData;
export { data };

export default defineLoader({
  watch: ['../../quizzes/*.yaml'],
  async load(): Promise<QuizData> {
    const md = await siteMarkdown();
    const quizzes = await loadValidQuizzes();
    return Object.fromEntries(quizzes.map((quiz) => [quiz.lesson, toView(quiz, md)]));
  },
});
