// `npm run status [-- --json]`: where the learner stands: every lab's checks as their own
// code last ran them, the first one to fix, and the terminal quiz's scores.
import { parseArgs } from 'node:util';
import { labSummaries } from '../learner/lab-summary.js';
import { loadQuizzes } from '../quiz/load.js';
import { dayOf } from '../quiz/leitner.js';
import { readQuizRecord } from '../quiz/quiz-record.js';
import { questionVersion } from '../quiz/question-version.js';
import { formatTable } from '../table.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
  const labs = labSummaries();
  const record = readQuizRecord();
  const today = dayOf(new Date());
  const { quizzes } = await loadQuizzes();
  const quiz = quizzes.map((q) => {
    const answers = q.questions.map((question) => ({ question, answer: record.answers[`${q.lesson}/${question.id}`] }));
    const current = answers.filter(({ question, answer }) => answer?.version === questionVersion(question));
    return {
      lesson: q.lesson,
      answered: current.length,
      right: current.filter(({ answer }) => answer!.correct).length,
      total: q.questions.length,
      due: current.filter(({ answer }) => answer!.due <= today).length,
    };
  });
  if (values.json) {
    console.log(JSON.stringify({ labs, quizzes: quiz }, null, 2));
    return 0;
  }
  const when = (iso?: string) => (iso ? iso.replace('T', ' ').slice(0, 16) : 'never');
  console.log(
    formatTable(
      [{ header: 'lab' }, { header: 'checks green', align: 'right' }, { header: 'first to fix' }, { header: 'last run' }],
      labs.map((l) => [l.lab, `${l.passed}/${l.total}`, l.firstToFix ? `${l.firstToFix}  (npm run hint ${l.firstToFix})` : 'done', when(l.lastRun)]),
    ),
  );
  const taken = quiz.filter((q) => q.answered > 0);
  console.log(
    taken.length === 0
      ? '\nNo quiz answered in the terminal yet: npm run quiz 01'
      : `\n${formatTable(
          [{ header: 'quiz' }, { header: 'right', align: 'right' }, { header: 'answered', align: 'right' }, { header: 'due for review', align: 'right' }],
          taken.map((q) => [q.lesson, String(q.right), `${q.answered}/${q.total}`, String(q.due)]),
        )}`,
  );
  return 0;
});
