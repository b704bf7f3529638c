import { createMarkdownRenderer, type SiteConfig } from 'vitepress';
import { loadQuizzes, REPO_ROOT } from '../../harness/quiz/load.js';
import { questionVersion } from '../../harness/quiz/question-version.js';
import type { LoadedQuiz } from '../../harness/quiz/schema.js';

/**
 * What the browser receives for each quiz: the YAML's questions with their markdown
 * already rendered to HTML at build time (code spans, lists, highlighted code), so the
 * client ships no markdown parser.
 */
export interface OptionView {
  html: string;
  whyHtml: string;
  correct: boolean;
}

export interface QuestionView {
  id: string;
  /** Changes whenever the question's text or options change, so old saved answers are dropped. */
  version: string;
  type: 'choice' | 'open';
  interview: boolean;
  /** A "design it" prompt (open questions only). */
  design: boolean;
  promptHtml: string;
  /** Choice only; more than one correct option means checkboxes instead of radios. */
  options: OptionView[];
  multiple: boolean;
  /** Open only: the model answer. */
  answerHtml: string;
}

export interface QuizView {
  lesson: string;
  title: string;
  questions: QuestionView[];
}

type Renderer = Awaited<ReturnType<typeof createMarkdownRenderer>>;

/** The site's own markdown settings, so answers look like the lessons around them. */
export async function siteMarkdown(): Promise<Renderer> {
  const config = (globalThis as { VITEPRESS_CONFIG?: SiteConfig }).VITEPRESS_CONFIG;
  return createMarkdownRenderer(config?.srcDir ?? `${REPO_ROOT}docs`, config?.markdown, config?.site.base ?? '/', config?.logger);
}

/**
 * Loads every quiz for the site. A malformed quiz stops the build with the loader's
 * one-line messages; a quiz whose lesson is not written yet is still served.
 */
export async function loadValidQuizzes(): Promise<LoadedQuiz[]> {
  const { quizzes, problems } = await loadQuizzes();
  const invalid = problems.filter((problem) => problem.kind === 'invalid');
  if (invalid.length > 0) {
    throw new Error(`Quiz files need fixing:\n${invalid.map((problem) => problem.line).join('\n')}`);
  }
  return quizzes;
}

export function toView(quiz: LoadedQuiz, md: Renderer): QuizView {
  const block = (text: string) => md.render(text.trim());
  const inline = (text: string) => md.renderInline(text.trim());
  return {
    lesson: quiz.lesson,
    title: quiz.title,
    questions: quiz.questions.map((question) => ({
      id: question.id,
      version: questionVersion(question),
      type: question.type,
      interview: question.interview === true,
      design: question.type === 'open' && question.design === true,
      promptHtml: block(question.prompt),
      options:
        question.type === 'choice'
          ? question.options.map((option) => ({
              html: inline(option.text),
              whyHtml: block(option.why),
              correct: option.correct === true,
            }))
          : [],
      multiple: question.type === 'choice' && question.options.filter((option) => option.correct).length > 1,
      answerHtml: question.type === 'open' ? block(question.answer) : '',
    })),
  };
}
