import type { LineReader } from './line-reader.js';
import { optionOrder } from './option-order.js';
import { questionVersion } from './question-version.js';
import { nextReview } from './leitner.js';
import { answerKey, writeQuizRecord, type QuizRecord } from './quiz-record.js';
import { terminalInline, terminalMarkdown } from './terminal-markdown.js';
import type { ChoiceQuestion, LoadedQuiz, OpenQuestion } from './schema.js';

/** Running score across every quiz asked in one session. */
export interface Tally {
  asked: number;
  right: number;
}

export type Outcome = 'right' | 'wrong' | 'ended';

/** A question with the quiz it belongs to: the unit `--due` and the mock interview ask. */
export interface AskedQuestion {
  quiz: LoadedQuiz;
  question: LoadedQuiz['questions'][number];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Piped input that keeps giving unusable answers stops the quiz instead of looping. */
const MAX_PIPED_RETRIES = 3;

/**
 * Asks questions in the order given, each choice question's options in the learner's own
 * shuffled order, and saves every verdict to `record` (and its next review date);
 * 'ended' means input closed part-way.
 */
export async function askQuestions(
  title: string,
  questions: AskedQuestion[],
  reader: LineReader,
  tally: Tally,
  record: QuizRecord,
): Promise<'done' | 'ended'> {
  if (questions.length === 0) return 'done';
  console.log(`\n== ${title} (${questions.length} questions) ==`);
  for (const [index, { quiz, question }] of questions.entries()) {
    const tag = question.interview ? ' [interview]' : '';
    console.log(`\n[${index + 1}/${questions.length}]${tag}\n${terminalMarkdown(question.prompt, '  ')}`);
    const key = answerKey(quiz.lesson, question.id);
    const order = optionOrder(record.seed, key, question.type === 'choice' ? question.options.length : 0);
    const outcome = question.type === 'choice' ? await askChoice(question, order, reader) : await askOpen(question, reader);
    if (outcome === 'ended') return 'ended';
    saveVerdict(record, quiz, question, outcome === 'right');
    tally.asked += 1;
    if (outcome === 'right') tally.right += 1;
  }
  return 'done';
}

/** Records one verdict and when the question is due again. */
export function saveVerdict(record: QuizRecord, quiz: LoadedQuiz, question: AskedQuestion['question'], right: boolean): void {
  const key = answerKey(quiz.lesson, question.id);
  record.answers[key] = nextReview(record.answers[key], questionVersion(question), right, new Date());
  writeQuizRecord(record);
}

/** `order[k]` is the file index of the option shown k-th; letters name shown positions. */
async function askChoice(question: ChoiceQuestion, order: number[], reader: LineReader): Promise<Outcome> {
  const shown = order.map((i) => question.options[i]!);
  const letters = LETTERS.slice(0, shown.length);
  const correct = new Set(shown.flatMap((option, k) => (option.correct ? [k] : [])));
  const many = correct.size > 1;
  shown.forEach((option, k) => console.log(`  ${letters[k]}) ${terminalInline(option.text)}`));
  const hint = many ? `all that apply, e.g. ${letters.slice(0, 2)}` : `one of ${[...letters].join(', ')}`;

  let picked: Set<number> | undefined;
  for (let attempt = 0; !picked; attempt += 1) {
    const line = attempt < MAX_PIPED_RETRIES || reader.interactive ? await reader.ask(`Your answer (${hint}): `) : null;
    if (line === null) return 'ended';
    const chars = [...line.toLowerCase().replace(/[\s,]+/g, '')];
    const valid = chars.length > 0 && chars.every((char) => letters.includes(char));
    if (valid && (many || chars.length === 1)) picked = new Set(chars.map((char) => letters.indexOf(char)));
    else console.log(many ? `Type letters from ${letters}.` : `Type a single letter from ${letters}.`);
  }

  const right = picked.size === correct.size && [...picked].every((i) => correct.has(i));
  const answer = [...correct].map((i) => letters[i]).join(', ');
  console.log(right ? '\n✓ Right.' : `\n✗ Not quite: the answer is ${answer}.`);
  shown.forEach((option, k) => {
    const mark = option.correct ? '✓' : '✗';
    const mine = picked.has(k) ? '  (your pick)' : '';
    console.log(`  ${mark} ${letters[k]}) ${terminalInline(option.text)}${mine}\n${terminalMarkdown(option.why, '     ')}`);
  });
  return right ? 'right' : 'wrong';
}

export async function askOpen(question: OpenQuestion, reader: LineReader): Promise<Outcome> {
  const go = await reader.ask('Think through your answer (say it out loud), then press Enter for the model answer. ');
  if (go === null) return 'ended';
  console.log(`\nModel answer:\n${terminalMarkdown(question.answer, '  ')}\n`);
  for (let attempt = 0; ; attempt += 1) {
    const line = attempt < MAX_PIPED_RETRIES || reader.interactive ? await reader.ask('Did your answer cover it? (y/n): ') : null;
    if (line === null) return 'ended';
    const reply = line.trim().toLowerCase();
    if (reply === 'y' || reply === 'yes') return 'right';
    if (reply === 'n' || reply === 'no') return 'wrong';
    console.log('Type y or n.');
  }
}
