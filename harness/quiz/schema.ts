import { z } from 'zod';

/**
 * The shape of one quiz file, `quizzes/NN-slug.yaml`. The site, the terminal quiz and
 * verify all read quizzes through this schema, so a question is asked the same way
 * everywhere. quizzes/README.md explains each field to authors.
 */

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LESSON_SLUG = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Commands a claim may never run: the Redis server is shared with other people's work,
 * so nothing that empties, reconfigures, blocks or scans it wholesale is allowed.
 */
export const FORBIDDEN_COMMANDS = new Set([
  'ACL', 'BGREWRITEAOF', 'BGSAVE', 'CLIENT', 'CLUSTER', 'CONFIG', 'DEBUG', 'FAILOVER',
  'FLUSHALL', 'FLUSHDB', 'FUNCTION', 'KEYS', 'MIGRATE', 'MODULE', 'MONITOR', 'MOVE',
  'PSUBSCRIBE', 'PSYNC', 'REPLICAOF', 'SAVE', 'SCRIPT', 'SELECT', 'SHUTDOWN', 'SLAVEOF',
  'SSUBSCRIBE', 'SUBSCRIBE', 'SWAPDB', 'SYNC',
]);

const text = (what: string) =>
  z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`);

/** Replaces zod's "expected object" with what the author should have written. */
const shaped = (hint: string) => ({
  error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? hint : undefined),
});

const commandWord = z.union([z.string(), z.number()]);

const command = z
  .array(commandWord, { error: 'each step of run must be a list like [SET, "{key}", "a"]' })
  .min(1, 'a step of run must name a command')
  .refine((step) => !FORBIDDEN_COMMANDS.has(String(step[0]).toUpperCase()), {
    message: `uses a command claims may not run (${[...FORBIDDEN_COMMANDS].join(', ')})`,
  });

/** What the last command of a claim must reply. */
export const expectation = z.union([
  z.strictObject({ between: z.tuple([z.number(), z.number()]) }),
  z.strictObject({ error: text('expect.error') }),
  z.null(),
  z.string(),
  z.number(),
  z.array(z.json()),
]);

export const claimSchema = z.strictObject(
  {
    says: text('says'),
    run: z.array(command).min(1, 'run needs at least one command'),
    // Required, even when null: a missing expect is a mistake, not "expect nil".
    expect: expectation,
  },
  shaped('each claim must be a mapping with says, run and expect'),
);

const optionSchema = z.strictObject(
  { text: text('text'), correct: z.boolean().optional(), why: text('why') },
  shaped('each option must be a mapping: { text: ..., correct: true, why: ... }'),
);

const common = {
  id: z.string({ error: 'id must be text' }).regex(KEBAB, 'id must be kebab-case, like lock-owner-token'),
  prompt: text('prompt'),
  interview: z.boolean().optional(),
  claims: z.array(claimSchema).optional(),
};

export const choiceQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('choice'),
  options: z.array(optionSchema).min(2, 'a choice question needs at least 2 options'),
});

export const openQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('open'),
  answer: text('answer'),
  /** A "design it" prompt: a system to sketch aloud, answered with trade-offs, numbers and failure modes. */
  design: z.boolean().optional(),
});

export const questionSchema = z.discriminatedUnion('type', [choiceQuestionSchema, openQuestionSchema], {
  error: 'type must be "choice" or "open"',
});

export const quizSchema = z
  .strictObject(
    {
      lesson: z.string({ error: 'lesson must be text' }).regex(LESSON_SLUG, 'lesson must look like 04-stampede'),
      title: text('title'),
      questions: z.array(questionSchema).min(1, 'a quiz needs at least one question'),
    },
    shaped('the file must be a mapping with lesson, title and questions'),
  )
  .superRefine(
    (quiz, ctx) => {
      // Runs even when other fields failed, so one pass reports every mistake; hence
      // the defensive reads of a value that may be only partly valid.
      const raw = (quiz ?? {}) as { questions?: unknown };
      const questions: unknown[] = Array.isArray(raw.questions) ? raw.questions : [];
      const seen = new Set<string>();
      questions.forEach((item, index) => {
        const question = (item ?? {}) as { id?: unknown; type?: unknown; options?: unknown };
        if (typeof question.id === 'string') {
          if (seen.has(question.id)) {
            ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `id "${question.id}" is used twice` });
          }
          seen.add(question.id);
        }
        const options: unknown[] = Array.isArray(question.options) ? question.options : [];
        const anyCorrect = options.some((option) => (option as { correct?: unknown } | null)?.correct === true);
        if (question.type === 'choice' && !anyCorrect) {
          ctx.addIssue({ code: 'custom', path: ['questions', index, 'options'], message: 'no option has correct: true' });
        }
      });
    },
    { when: () => true },
  );

export type Quiz = z.infer<typeof quizSchema>;
export type Question = z.infer<typeof questionSchema>;
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export type OpenQuestion = z.infer<typeof openQuestionSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type Expectation = z.infer<typeof expectation>;

/** A quiz with the file it came from, as the loader hands it out. */
export interface LoadedQuiz extends Quiz {
  /** Path relative to the repository root, e.g. quizzes/04-stampede.yaml. */
  file: string;
}
