import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadQuizzes, parseQuizSource } from './load.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const load = (dir: string) => loadQuizzes({ quizDir: `${fixtures}${dir}`, lessonDir: `${fixtures}lessons` });

describe('quiz loader', () => {
  it('loads a valid quiz with no problems', async () => {
    const { quizzes, problems } = await load('good');
    expect(problems).toEqual([]);
    expect(quizzes.map((quiz) => quiz.lesson)).toEqual(['01-fixture-topic']);
    expect(quizzes[0]?.questions.map((question) => question.id)).toEqual(['nx-on-existing-key', 'explain-nx']);
  });

  it('reports every mistake as one line naming the file, the question and the field', async () => {
    const { quizzes, problems } = await load('broken');
    expect(quizzes).toEqual([]);
    for (const problem of problems) expect(problem.line).not.toContain('\n');
    const lines = problems.map((problem) => problem.line);
    const many = 'harness/quiz/fixtures/broken/03-many-mistakes.yaml';
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/02-broken-yaml\.yaml: not valid YAML: .* at line 7, column 1$/),
        `${many}: question "no-why": options[0].why: is missing`,
        `${many}: question "no-why": options[1].why: why must not be empty`,
        `${many}: question "lonely": options: a choice question needs at least 2 options`,
        `${many}: question "lonely": options: no option has correct: true`,
        `${many}: question "no-why": id: id "no-why" is used twice`,
        `${many}: question "no-why": answer: is missing`,
        `${many}: question "Not_Kebab": type: type must be "choice" or "open"`,
        expect.stringContaining('04-wrong-lesson.yaml: lesson: "05-some-other-lesson" must match the file name'),
      ]),
    );
  });

  it('flags a quiz whose lesson page does not exist, separately from invalid ones', async () => {
    const { problems } = await loadQuizzes({ quizDir: `${fixtures}good`, lessonDir: `${fixtures}broken` });
    expect(problems).toEqual([expect.objectContaining({ kind: 'missing-lesson' })]);
    expect(problems[0]?.line).toContain('01-fixture-topic.md does not exist');
  });

  it('refuses a claim that runs a command able to empty a shared server', () => {
    const source = [
      'lesson: 01-a',
      'title: T',
      'questions:',
      '  - { id: q, type: open, prompt: p, answer: a, claims: [{ says: s, run: [[FLUSHALL]], expect: OK }] }',
    ].join('\n');
    const { problems } = parseQuizSource('quizzes/01-a.yaml', source);
    expect(problems.map((problem) => problem.line)).toEqual([
      expect.stringMatching(/^quizzes\/01-a\.yaml: question "q": claims\[0\]\.run\[0\]: uses a command claims may not run/),
    ]);
  });
});
