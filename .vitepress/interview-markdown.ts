import type { LoadedQuiz, Question } from '../harness/quiz/schema.js';

/**
 * The interview page as markdown: every question marked `interview: true` and every
 * open question, grouped by lesson in lesson order, each with its model answer. Used for
 * the page itself and for the search index, so both always say the same thing.
 */
export function interviewMarkdown(
  quizzes: readonly LoadedQuiz[],
  hasLesson: (lesson: string) => boolean = () => true,
): { markdown: string; count: number } {
  const parts: string[] = [];
  let count = 0;
  const ordered = [...quizzes].sort((a, b) => a.lesson.localeCompare(b.lesson));
  const designs = ordered.flatMap((quiz) => quiz.questions.filter(isDesign).map((question) => ({ quiz, question })));
  if (designs.length > 0) {
    parts.push('## Design it {#design-it}');
    parts.push('One system per lab topic, to sketch aloud in about ten minutes: the design, its trade-offs, numbers, and how it fails.');
    for (const { quiz, question } of designs) {
      count += 1;
      parts.push(...questionMarkdown(quiz.lesson, question));
    }
  }
  for (const quiz of ordered) {
    const chosen = quiz.questions.filter((question) => !isDesign(question) && (question.interview === true || question.type === 'open'));
    if (chosen.length === 0) continue;
    parts.push(`## ${quiz.lesson.slice(0, 2)} · ${quiz.title} {#${quiz.lesson}}`);
    if (hasLesson(quiz.lesson)) {
      parts.push(`From the lesson [${quiz.title}](/lessons/${quiz.lesson}), whose quiz has the multiple-choice questions too.`);
    }
    for (const question of chosen) {
      count += 1;
      parts.push(...questionMarkdown(quiz.lesson, question));
    }
  }
  if (count === 0) parts.push('No interview questions yet: they appear here as the quizzes in `quizzes/` are written.');
  return { markdown: parts.join('\n\n'), count };
}

const isDesign = (question: Question) => question.type === 'open' && question.design === true;

function questionMarkdown(lesson: string, question: Question): string[] {
  const prompt = question.prompt.trim();
  const oneLine = !prompt.includes('\n');
  const heading = oneLine ? prompt : `${question.id.replaceAll('-', ' ')}`;
  const out = [`### ${heading} {#${lesson}-${question.id}}`];
  if (!oneLine) out.push(prompt);
  // Plain HTML with the theme's badge classes: this markdown is shown through v-html,
  // where a Vue component such as <Badge> would not be compiled.
  if (question.interview) out.push('<span class="VPBadge tip">interview</span>');
  // Collapsed, so the learner answers aloud first and opens the model answer after.
  if (question.type === 'open') {
    out.push(`::: details Show the model answer\n\n${question.answer.trim()}\n\n:::`);
  } else {
    const right = question.options.filter((option) => option.correct);
    const items = right.map((option) => `- ${option.text.trim()}\n\n${option.why.trim().replace(/^/gm, '  ')}`);
    out.push(`::: details Show the answer\n\n${items.join('\n\n')}\n\n:::`);
  }
  return out;
}
