// .vitepress/config.ts
import { fileURLToPath as fileURLToPath4 } from "node:url";
import { defineConfig } from "file:///work/main/node_modules/vitepress/dist/node/index.js";
import { withMermaid } from "file:///work/main/node_modules/vitepress-plugin-mermaid/dist/vitepress-plugin-mermaid.es.mjs";

// harness/quiz/load.ts
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "file:///work/main/node_modules/yaml/dist/index.js";

// harness/quiz/schema.ts
import { z } from "file:///work/main/node_modules/zod/index.js";
var KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
var LESSON_SLUG = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
var FORBIDDEN_COMMANDS = /* @__PURE__ */ new Set([
  "ACL",
  "BGREWRITEAOF",
  "BGSAVE",
  "CLIENT",
  "CLUSTER",
  "CONFIG",
  "DEBUG",
  "FAILOVER",
  "FLUSHALL",
  "FLUSHDB",
  "FUNCTION",
  "KEYS",
  "MIGRATE",
  "MODULE",
  "MONITOR",
  "MOVE",
  "PSUBSCRIBE",
  "PSYNC",
  "REPLICAOF",
  "SAVE",
  "SCRIPT",
  "SELECT",
  "SHUTDOWN",
  "SLAVEOF",
  "SSUBSCRIBE",
  "SUBSCRIBE",
  "SWAPDB",
  "SYNC"
]);
var text = (what) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`);
var shaped = (hint) => ({
  error: (issue) => issue.code === "invalid_type" ? hint : void 0
});
var commandWord = z.union([z.string(), z.number()]);
var command = z.array(commandWord, { error: 'each step of run must be a list like [SET, "{key}", "a"]' }).min(1, "a step of run must name a command").refine((step) => !FORBIDDEN_COMMANDS.has(String(step[0]).toUpperCase()), {
  message: `uses a command claims may not run (${[...FORBIDDEN_COMMANDS].join(", ")})`
});
var expectation = z.union([
  z.strictObject({ between: z.tuple([z.number(), z.number()]) }),
  z.strictObject({ error: text("expect.error") }),
  z.null(),
  z.string(),
  z.number(),
  z.array(z.json())
]);
var claimSchema = z.strictObject(
  {
    says: text("says"),
    run: z.array(command).min(1, "run needs at least one command"),
    // Required, even when null: a missing expect is a mistake, not "expect nil".
    expect: expectation
  },
  shaped("each claim must be a mapping with says, run and expect")
);
var optionSchema = z.strictObject(
  { text: text("text"), correct: z.boolean().optional(), why: text("why") },
  shaped("each option must be a mapping: { text: ..., correct: true, why: ... }")
);
var common = {
  id: z.string({ error: "id must be text" }).regex(KEBAB, "id must be kebab-case, like lock-owner-token"),
  prompt: text("prompt"),
  interview: z.boolean().optional(),
  claims: z.array(claimSchema).optional()
};
var choiceQuestionSchema = z.strictObject({
  ...common,
  type: z.literal("choice"),
  options: z.array(optionSchema).min(2, "a choice question needs at least 2 options")
});
var openQuestionSchema = z.strictObject({
  ...common,
  type: z.literal("open"),
  answer: text("answer"),
  /** A "design it" prompt: a system to sketch aloud, answered with trade-offs, numbers and failure modes. */
  design: z.boolean().optional()
});
var questionSchema = z.discriminatedUnion("type", [choiceQuestionSchema, openQuestionSchema], {
  error: 'type must be "choice" or "open"'
});
var quizSchema = z.strictObject(
  {
    lesson: z.string({ error: "lesson must be text" }).regex(LESSON_SLUG, "lesson must look like 04-stampede"),
    title: text("title"),
    questions: z.array(questionSchema).min(1, "a quiz needs at least one question")
  },
  shaped("the file must be a mapping with lesson, title and questions")
).superRefine(
  (quiz, ctx) => {
    const raw = quiz ?? {};
    const questions = Array.isArray(raw.questions) ? raw.questions : [];
    const seen = /* @__PURE__ */ new Set();
    questions.forEach((item2, index) => {
      const question = item2 ?? {};
      if (typeof question.id === "string") {
        if (seen.has(question.id)) {
          ctx.addIssue({ code: "custom", path: ["questions", index, "id"], message: `id "${question.id}" is used twice` });
        }
        seen.add(question.id);
      }
      const options = Array.isArray(question.options) ? question.options : [];
      const anyCorrect = options.some((option) => option?.correct === true);
      if (question.type === "choice" && !anyCorrect) {
        ctx.addIssue({ code: "custom", path: ["questions", index, "options"], message: "no option has correct: true" });
      }
    });
  },
  { when: () => true }
);

// harness/quiz/load.ts
var __vite_injected_original_import_meta_url = "file:///work/main/harness/quiz/load.ts";
var REPO_ROOT = fileURLToPath(new URL("../../", __vite_injected_original_import_meta_url));
async function loadQuizzes(options = {}) {
  const root = options.root ?? REPO_ROOT;
  const quizDir = options.quizDir ?? join(root, "quizzes");
  const lessonDir = options.lessonDir ?? join(root, "docs", "lessons");
  const names = existsSync(quizDir) ? (await readdir(quizDir)).sort() : [];
  const result = { quizzes: [], problems: [] };
  for (const name of names) {
    const path = join(quizDir, name);
    const file = relative(root, path);
    if (name.endsWith(".yml")) {
      result.problems.push({ file, kind: "invalid", line: `${file}: rename it to ${name.slice(0, -4)}.yaml` });
      continue;
    }
    if (!name.endsWith(".yaml")) continue;
    const parsed = parseQuizSource(file, await readFile(path, "utf8"));
    result.problems.push(...parsed.problems);
    if (!parsed.quiz) continue;
    const lessonPage = join(lessonDir, `${parsed.quiz.lesson}.md`);
    if (!existsSync(lessonPage)) {
      result.problems.push({
        file,
        kind: "missing-lesson",
        line: `${file}: lesson: ${relative(root, lessonPage)} does not exist; write the lesson or fix the slug`
      });
    }
    result.quizzes.push(parsed.quiz);
  }
  return result;
}
function parseQuizSource(file, source) {
  const invalid = (line) => ({ file, kind: "invalid", line: `${file}: ${line}` });
  const doc = parseDocument(source);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const first2 = yamlError.message.split("\n")[0]?.replace(/:$/, "") ?? "unreadable YAML";
    return { problems: [invalid(`not valid YAML: ${first2}`)] };
  }
  const raw = doc.toJS();
  const checked = quizSchema.safeParse(raw);
  if (!checked.success) {
    return { problems: checked.error.issues.map((issue) => invalid(describeIssue(raw, issue))) };
  }
  const expected = basename(file).replace(/\.yaml$/, "");
  if (!LESSON_SLUG.test(expected)) {
    return { problems: [invalid(`the file name must be NN-slug.yaml, named like its lesson`)] };
  }
  if (checked.data.lesson !== expected) {
    return { problems: [invalid(`lesson: "${checked.data.lesson}" must match the file name "${expected}"`)] };
  }
  return { quiz: { ...checked.data, file }, problems: [] };
}
function describeIssue(raw, issue) {
  const path = [...issue.path];
  let where = "";
  if (path[0] === "questions" && typeof path[1] === "number") {
    const index = path[1];
    const id = valueAt(raw, ["questions", index, "id"]);
    where = typeof id === "string" ? `question "${id}"` : `question #${index + 1}`;
    path.splice(0, 2);
  }
  const field = path.reduce(
    (text2, part) => typeof part === "number" ? `${text2}[${part}]` : text2 ? `${text2}.${String(part)}` : String(part),
    ""
  );
  const missing = issue.code === "invalid_type" && valueAt(raw, issue.path) === void 0;
  const message = missing ? "is missing" : issue.message;
  return [where, field, message].filter(Boolean).join(": ");
}
function valueAt(raw, path) {
  let value = raw;
  for (const part of path) {
    if (value === null || typeof value !== "object") return void 0;
    value = value[part];
  }
  return value;
}

// .vitepress/code-titles.ts
import { basename as basename2, relative as relative2, sep } from "node:path";
function codeTitles(repoRoot2) {
  return (md) => {
    const fence = md.renderer.rules.fence;
    md.renderer.rules.fence = (tokens, idx, options, env, self) => {
      const token = tokens[idx];
      const title = titleOf(token, repoRoot2);
      const html = fence(tokens, idx, options, env, self);
      if (!title || inCodeGroup(tokens, idx)) return html;
      return `<div class="code-title"><span>${md.utils.escapeHtml(title)}</span></div>${html}`;
    };
  };
}
function titleOf(token, repoRoot2) {
  const given = token.info.match(/\[(.*)\]/)?.[1]?.trim();
  if (!given) return void 0;
  const src = token.src;
  const file = Array.isArray(src) && typeof src[0] === "string" ? src[0] : void 0;
  if (file && given === basename2(file)) return relative2(repoRoot2, file).split(sep).join("/");
  return given;
}
function inCodeGroup(tokens, idx) {
  for (let i = idx - 1; i >= 0; i -= 1) {
    const type = tokens[i].type;
    if (type === "container_code-group_close") return false;
    if (type === "container_code-group_open") return true;
  }
  return false;
}

// .vitepress/interview-markdown.ts
function interviewMarkdown(quizzes, hasLesson = () => true) {
  const parts = [];
  let count = 0;
  const ordered = [...quizzes].sort((a, b) => a.lesson.localeCompare(b.lesson));
  const designs = ordered.flatMap((quiz) => quiz.questions.filter(isDesign).map((question) => ({ quiz, question })));
  if (designs.length > 0) {
    parts.push("## Design it {#design-it}");
    parts.push("One system per lab topic, to sketch aloud in about ten minutes: the design, its trade-offs, numbers, and how it fails.");
    for (const { quiz, question } of designs) {
      count += 1;
      parts.push(...questionMarkdown(quiz.lesson, question));
    }
  }
  for (const quiz of ordered) {
    const chosen = quiz.questions.filter((question) => !isDesign(question) && (question.interview === true || question.type === "open"));
    if (chosen.length === 0) continue;
    parts.push(`## ${quiz.lesson.slice(0, 2)} \xB7 ${quiz.title} {#${quiz.lesson}}`);
    if (hasLesson(quiz.lesson)) {
      parts.push(`From the lesson [${quiz.title}](/lessons/${quiz.lesson}), whose quiz has the multiple-choice questions too.`);
    }
    for (const question of chosen) {
      count += 1;
      parts.push(...questionMarkdown(quiz.lesson, question));
    }
  }
  if (count === 0) parts.push("No interview questions yet: they appear here as the quizzes in `quizzes/` are written.");
  return { markdown: parts.join("\n\n"), count };
}
var isDesign = (question) => question.type === "open" && question.design === true;
function questionMarkdown(lesson, question) {
  const prompt = question.prompt.trim();
  const oneLine = !prompt.includes("\n");
  const heading = oneLine ? prompt : `${question.id.replaceAll("-", " ")}`;
  const out = [`### ${heading} {#${lesson}-${question.id}}`];
  if (!oneLine) out.push(prompt);
  if (question.interview) out.push('<span class="VPBadge tip">interview</span>');
  if (question.type === "open") {
    out.push(`::: details Show the model answer

${question.answer.trim()}

:::`);
  } else {
    const right = question.options.filter((option) => option.correct);
    const items = right.map((option) => `- ${option.text.trim()}

${option.why.trim().replace(/^/gm, "  ")}`);
    out.push(`::: details Show the answer

${items.join("\n\n")}

:::`);
  }
  return out;
}

// .vitepress/learner-progress.ts
import { join as join5 } from "node:path";

// harness/lab-meta.ts
import { existsSync as existsSync2, readFileSync as readFileSync2 } from "node:fs";
import { join as join3 } from "node:path";
import { parse } from "file:///work/main/node_modules/yaml/dist/index.js";
import { z as z2 } from "file:///work/main/node_modules/zod/index.js";

// harness/labs.ts
import { readdirSync, readFileSync } from "node:fs";
import { join as join2 } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";

// harness/services/errors.ts
var CourseError = class extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
    this.name = "CourseError";
  }
};
var BadInputError = class extends CourseError {
  constructor(message) {
    super("E_BAD_INPUT", message);
  }
};

// harness/labs.ts
var __vite_injected_original_import_meta_url2 = "file:///work/main/harness/labs.ts";
var ROOT = fileURLToPath2(new URL("..", __vite_injected_original_import_meta_url2));
function listLabNames() {
  return readdirSync(join2(ROOT, "labs"), { withFileTypes: true }).filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name)).map((entry) => entry.name).sort();
}

// harness/lab-meta.ts
var CHECK_ID = /^\d\d\.\d+$/;
var labMetaSchema = z2.strictObject({
  title: z2.string().min(1),
  lesson: z2.string().regex(/^\d\d-[a-z0-9-]+$/),
  starter_fails: z2.array(z2.string().regex(CHECK_ID)).min(1),
  hints: z2.record(z2.string().regex(CHECK_ID), z2.array(z2.string().trim().min(1)).min(1)),
  /** More workers for the lab's `npm test` than the default three (read by labs.ts's labWorkers). */
  workers: z2.number().int().min(4).max(8).optional()
});
function listLabs() {
  return listLabNames().map(readLab);
}
function readLab(name) {
  const dir = join3(ROOT, "labs", name);
  const metaFile = join3(dir, "lab.yaml");
  if (!existsSync2(metaFile)) throw new BadInputError(`labs/${name} has no lab.yaml; copy the shape of labs/01-cache-aside/lab.yaml.`);
  let raw;
  try {
    raw = parse(readFileSync2(metaFile, "utf8"));
  } catch (error) {
    throw new BadInputError(`labs/${name}/lab.yaml is not valid YAML: ${error.message.split("\n")[0]}`);
  }
  const meta = labMetaSchema.safeParse(raw);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    throw new BadInputError(`labs/${name}/lab.yaml: ${issue.path.join(".") || "(top level)"}: ${issue.message} (text containing ": " needs quotes or a >- block)`);
  }
  return { name, number: name.slice(0, 2), dir, solutionDir: join3(ROOT, "solutions", name), meta: meta.data };
}

// harness/learner/progress.ts
import { z as z3 } from "file:///work/main/node_modules/zod/index.js";

// harness/learner/learner-file.ts
import { mkdirSync, readFileSync as readFileSync3, renameSync, writeFileSync } from "node:fs";
import { join as join4 } from "node:path";
var LEARNER_DIR = join4(ROOT, ".course");
function readLearnerFile(name, schema, empty) {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync3(join4(LEARNER_DIR, name), "utf8")));
    return parsed.success ? parsed.data : empty();
  } catch {
    return empty();
  }
}

// harness/learner/progress.ts
var FILE = "progress.json";
var labProgressSchema = z3.object({
  /** Check ID -> passed, for every check that ran in the last run that included it. */
  checks: z3.record(z3.string(), z3.boolean()),
  /** ISO time of the last run of this lab. */
  lastRun: z3.string()
});
var progressSchema = z3.object({ labs: z3.record(z3.string(), labProgressSchema) });
var PROGRESS_FILE = FILE;
function readProgress() {
  return readLearnerFile(FILE, progressSchema, () => ({ labs: {} }));
}
var byId = (a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]);
function firstFailing(progress) {
  return Object.entries(progress?.checks ?? {}).filter(([, passed]) => !passed).map(([id]) => id).sort(byId)[0];
}

// harness/learner/lab-summary.ts
function labSummaries() {
  const progress = readProgress();
  return listLabs().map((lab) => {
    const checks = Object.keys(lab.meta.hints);
    const known = progress.labs[lab.name];
    const passed = checks.filter((id) => known?.checks[id] === true).length;
    const firstToFix = passed === checks.length ? void 0 : firstFailing(known) ?? checks.find((id) => known?.checks[id] !== true);
    return {
      lab: lab.name,
      title: lab.meta.title,
      passed,
      total: checks.length,
      ...firstToFix ? { firstToFix } : {},
      ...known ? { lastRun: known.lastRun } : {}
    };
  });
}

// .vitepress/learner-progress.ts
var PROGRESS_URL = "/__course/progress.json";
var PROGRESS_EVENT = "course:progress";
function learnerProgress() {
  const file = join5(LEARNER_DIR, PROGRESS_FILE);
  return {
    name: "course-learner-progress",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use(PROGRESS_URL, (_request, response) => {
        response.setHeader("content-type", "application/json");
        try {
          response.end(JSON.stringify(labSummaries()));
        } catch (error) {
          response.statusCode = 500;
          response.end(JSON.stringify({ error: error.message }));
        }
      });
      server.watcher.add(file);
      const changed = (path) => {
        if (path === file) server.ws.send({ type: "custom", event: PROGRESS_EVENT });
      };
      server.watcher.on("add", changed);
      server.watcher.on("change", changed);
    }
  };
}

// .vitepress/prebuilt-mermaid.ts
import { cpSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join as join6 } from "node:path";
import { fileURLToPath as fileURLToPath3 } from "node:url";
var __vite_injected_original_import_meta_url3 = "file:///work/main/.vitepress/prebuilt-mermaid.ts";
var ENTRY = "mermaid.esm.min.mjs";
var PREBUILT = `mermaid/dist/${ENTRY}`;
var mermaidDist = dirname(createRequire(__vite_injected_original_import_meta_url3).resolve(PREBUILT));
var LOADER = fileURLToPath3(new URL("./theme/mermaid-loader.ts", __vite_injected_original_import_meta_url3));
function prebuiltMermaid() {
  return {
    name: "course-prebuilt-mermaid",
    apply: "build",
    enforce: "pre",
    resolveId: (source) => source === PREBUILT ? LOADER : null
  };
}
function copyMermaid(outDir) {
  const chunks = join6("chunks", "mermaid.esm.min");
  cpSync(join6(mermaidDist, ENTRY), join6(outDir, "mermaid", ENTRY));
  cpSync(join6(mermaidDist, chunks), join6(outDir, "mermaid", chunks), { recursive: true, filter: (source) => !source.endsWith(".map") });
}

// .vitepress/repo-links.ts
import { existsSync as existsSync3, statSync } from "node:fs";
import { dirname as dirname2, join as join7, relative as relative3, resolve, sep as sep2 } from "node:path";
function repoLinks(srcDir, repoRoot2) {
  return (md) => {
    md.core.ruler.push("course_repo_links", (state) => {
      const env = state.env;
      const page = env.realPath ?? env.path;
      if (!page) return;
      const bases = [dirname2(page), ...(env.includes ?? []).map((file) => dirname2(file))];
      for (const block of state.tokens) {
        for (const token of block.children ?? []) {
          if (token.type !== "link_open") continue;
          const href = token.attrGet("href");
          if (!href || /^([a-z][a-z\d+.-]*:|\/|#)/i.test(href)) continue;
          const [path = "", hash = ""] = splitHash(href);
          const target = bases.map((base) => resolve(base, decodeURIComponent(path))).find((file) => existsSync3(file) && (!isInside(srcDir, file) || isPage(file)));
          if (!target) continue;
          if (isInside(srcDir, target)) {
            token.attrSet("href", `/${relative3(srcDir, target).split(sep2).join("/")}${hash}`);
          } else if (isInside(repoRoot2, target)) {
            asRepoPath(block.children ?? [], token, relative3(repoRoot2, target).split(sep2).join("/"));
          }
        }
      }
    });
  };
}
function asRepoPath(tokens, open, shown) {
  const start = tokens.indexOf(open);
  const end = tokens.findIndex((token, i) => i > start && token.type === "link_close");
  if (end === -1) return;
  const text2 = tokens.slice(start + 1, end).map((token) => token.content).join("");
  const name = shown.split("/").pop() ?? shown;
  open.type = "html_inline";
  open.content = '<span class="repo-path">';
  const close = tokens[end];
  if (!close) return;
  close.type = "html_inline";
  close.content = text2.includes(name) && text2.length >= name.length ? "</span>" : ` (<code>${escapeHtml(shown)}</code>)</span>`;
}
var escapeHtml = (text2) => text2.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
function isPage(file) {
  return statSync(file).isFile() || existsSync3(join7(file, "index.md"));
}
function splitHash(href) {
  const at = href.search(/[?#]/);
  return at === -1 ? [href, ""] : [href.slice(0, at), href.slice(at)];
}
function isInside(dir, file) {
  const rel = relative3(dir, file);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep2);
}

// .vitepress/sidebar.ts
import { existsSync as existsSync4, readdirSync as readdirSync2, readFileSync as readFileSync4 } from "node:fs";
import { join as join8 } from "node:path";
import { parse as parse2 } from "file:///work/main/node_modules/yaml/dist/index.js";
var PARTS = ["Core patterns", "Redis in production"];
function readPages(docsDir2, folder) {
  const dir = join8(docsDir2, folder);
  if (!existsSync4(dir)) return [];
  return readdirSync2(dir).filter((name) => /^\d{2}-.+\.md$/.test(name)).sort().map((name) => {
    const meta = frontMatter(readFileSync4(join8(dir, name), "utf8"));
    const slug = name.slice(0, -3);
    const title = typeof meta.title === "string" ? meta.title : slug;
    return { link: `/${folder}/${slug}`, title, ...typeof meta.part === "string" ? { part: meta.part } : {} };
  });
}
function frontMatter(source) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (!match?.[1]) return {};
  try {
    const data = parse2(match[1]);
    return data && typeof data === "object" ? data : {};
  } catch {
    return {};
  }
}
var item = (page) => {
  const number = page.link.split("/").pop()?.slice(0, 2) ?? "";
  const numbered = new RegExp(`^(?:[A-Za-z]+ )?0?${Number(number)}\\b`).test(page.title);
  return { text: numbered ? page.title : `${number} \xB7 ${page.title}`, link: page.link };
};
function buildSidebar(docsDir2) {
  const lessons = readPages(docsDir2, "lessons");
  const labs = readPages(docsDir2, "labs");
  const known = new Set(PARTS);
  const groups = PARTS.map((part) => ({
    text: part,
    collapsed: false,
    items: lessons.filter((page) => page.part === part).map(item)
  }));
  groups.push({ text: "More lessons", collapsed: false, items: lessons.filter((p) => !known.has(p.part ?? "")).map(item) });
  groups.push({ text: "Labs", collapsed: false, items: labs.map(item) });
  groups.push({
    text: "Practice",
    items: [
      { text: "Interview questions", link: "/interview" },
      { text: "Mock interview", link: "/practice/mock-interview" },
      { text: "Review what is due", link: "/practice/review" },
      { text: "What caching buys (measured)", link: "/bench" }
    ]
  });
  return groups.filter((group) => (group.items?.length ?? 0) > 0);
}
function firstLinks(docsDir2) {
  return {
    lesson: readPages(docsDir2, "lessons")[0]?.link ?? null,
    lab: readPages(docsDir2, "labs")[0]?.link ?? null
  };
}

// .vitepress/config.ts
var __vite_injected_original_import_meta_url4 = "file:///work/main/.vitepress/config.ts";
var repoRoot = fileURLToPath4(new URL("../", __vite_injected_original_import_meta_url4));
var docsDir = fileURLToPath4(new URL("../docs/", __vite_injected_original_import_meta_url4));
var first = firstLinks(docsDir);
var faviconSvg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='6' fill='#d82c20'/><path d='M9 11h14M9 16h14M9 21h14' stroke='white' stroke-width='3' stroke-linecap='round'/></svg>";
var favicon = `data:image/svg+xml,${encodeURIComponent(faviconSvg)}`;
var devFavicon = {
  name: "course-dev-favicon",
  configureServer(server) {
    server.middlewares.use("/favicon.ico", (_request, response) => {
      response.setHeader("content-type", "image/svg+xml");
      response.end(faviconSvg);
    });
  }
};
var config_default = withMermaid(
  defineConfig({
    title: "Caching with Redis",
    description: "Interview prep on caching with Redis for Node.js engineers, with labs against a real Redis and Postgres.",
    srcDir: "docs",
    cleanUrls: true,
    appearance: true,
    head: [["link", { rel: "icon", href: favicon }]],
    lastUpdated: false,
    markdown: {
      config: (md) => {
        md.use(repoLinks(docsDir.replace(/\/$/, ""), repoRoot.replace(/\/$/, "")));
        md.use(codeTitles(repoRoot.replace(/\/$/, "")));
      }
    },
    // Lessons and labs are code and diagrams as much as prose: their pages get a wider
    // column (theme/style.css, `.wide-doc`).
    buildEnd: (site) => copyMermaid(site.outDir),
    transformPageData(pageData) {
      if (/^(lessons|labs)\//.test(pageData.relativePath)) pageData.frontmatter.pageClass ??= "wide-doc";
    },
    themeConfig: {
      nav: [
        { text: "Lessons", link: first.lesson ?? "/", activeMatch: "^/lessons/" },
        { text: "Labs", link: first.lab ?? "/", activeMatch: "^/labs/" },
        { text: "Interview questions", link: "/interview" },
        { text: "Measured", link: "/bench" }
      ],
      sidebar: buildSidebar(docsDir),
      outline: { level: [2, 3] },
      search: {
        provider: "local",
        options: {
          // The interview page is filled in by a component at build time; feed its
          // questions and answers to the index too, so search finds them.
          async _render(src, env, md) {
            const html = md.render(src, env);
            if (env.frontmatter?.search === false) return "";
            if (env.relativePath !== "interview.md") return html;
            const { quizzes } = await loadQuizzes({ root: repoRoot });
            return html + md.render(interviewMarkdown(quizzes).markdown, env);
          }
        }
      },
      docFooter: { prev: "Previous", next: "Next" }
    },
    // Sequence diagrams are drawn at their natural size, up to the column's width: a
    // narrower gap between participants (the default is 50 px) keeps five of them on one
    // screen; a long message still widens its own gap.
    mermaid: { sequence: { actorMargin: 30 } },
    vite: {
      plugins: [devFavicon, learnerProgress(), prebuiltMermaid()],
      // The dev server imports Mermaid's own prebuilt ESM bundle, not its sources: it never
      // meets fastdom, an old UMD file those sources import that it cannot serve raw
      // (emersonbottero/vitepress-plugin-mermaid#98). A build bundles none of Mermaid
      // (prebuilt-mermaid.ts).
      resolve: { alias: [{ find: /^mermaid$/, replacement: "mermaid/dist/mermaid.esm.min.mjs" }] }
    }
  })
);
export {
  config_default as default
};
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLnZpdGVwcmVzcy9jb25maWcudHMiLCAiaGFybmVzcy9xdWl6L2xvYWQudHMiLCAiaGFybmVzcy9xdWl6L3NjaGVtYS50cyIsICIudml0ZXByZXNzL2NvZGUtdGl0bGVzLnRzIiwgIi52aXRlcHJlc3MvaW50ZXJ2aWV3LW1hcmtkb3duLnRzIiwgIi52aXRlcHJlc3MvbGVhcm5lci1wcm9ncmVzcy50cyIsICJoYXJuZXNzL2xhYi1tZXRhLnRzIiwgImhhcm5lc3MvbGFicy50cyIsICJoYXJuZXNzL3NlcnZpY2VzL2Vycm9ycy50cyIsICJoYXJuZXNzL2xlYXJuZXIvcHJvZ3Jlc3MudHMiLCAiaGFybmVzcy9sZWFybmVyL2xlYXJuZXItZmlsZS50cyIsICJoYXJuZXNzL2xlYXJuZXIvbGFiLXN1bW1hcnkudHMiLCAiLnZpdGVwcmVzcy9wcmVidWlsdC1tZXJtYWlkLnRzIiwgIi52aXRlcHJlc3MvcmVwby1saW5rcy50cyIsICIudml0ZXByZXNzL3NpZGViYXIudHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbImNvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9kaXJuYW1lID0gXCIvd29yay9tYWluLy52aXRlcHJlc3NcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vLnZpdGVwcmVzcy9jb25maWcudHNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfaW1wb3J0X21ldGFfdXJsID0gXCJmaWxlOi8vL3dvcmsvbWFpbi8udml0ZXByZXNzL2NvbmZpZy50c1wiO2ltcG9ydCB7IGZpbGVVUkxUb1BhdGggfSBmcm9tICdub2RlOnVybCc7XG5pbXBvcnQgdHlwZSB7IFBsdWdpbiB9IGZyb20gJ3ZpdGUnO1xuaW1wb3J0IHsgZGVmaW5lQ29uZmlnIH0gZnJvbSAndml0ZXByZXNzJztcbmltcG9ydCB7IHdpdGhNZXJtYWlkIH0gZnJvbSAndml0ZXByZXNzLXBsdWdpbi1tZXJtYWlkJztcbmltcG9ydCB7IGxvYWRRdWl6emVzIH0gZnJvbSAnLi4vaGFybmVzcy9xdWl6L2xvYWQuanMnO1xuaW1wb3J0IHsgY29kZVRpdGxlcyB9IGZyb20gJy4vY29kZS10aXRsZXMuanMnO1xuaW1wb3J0IHsgaW50ZXJ2aWV3TWFya2Rvd24gfSBmcm9tICcuL2ludGVydmlldy1tYXJrZG93bi5qcyc7XG5pbXBvcnQgeyBsZWFybmVyUHJvZ3Jlc3MgfSBmcm9tICcuL2xlYXJuZXItcHJvZ3Jlc3MuanMnO1xuaW1wb3J0IHsgY29weU1lcm1haWQsIHByZWJ1aWx0TWVybWFpZCB9IGZyb20gJy4vcHJlYnVpbHQtbWVybWFpZC5qcyc7XG5pbXBvcnQgeyByZXBvTGlua3MgfSBmcm9tICcuL3JlcG8tbGlua3MuanMnO1xuaW1wb3J0IHsgYnVpbGRTaWRlYmFyLCBmaXJzdExpbmtzIH0gZnJvbSAnLi9zaWRlYmFyLmpzJztcblxuY29uc3QgcmVwb1Jvb3QgPSBmaWxlVVJMVG9QYXRoKG5ldyBVUkwoJy4uLycsIGltcG9ydC5tZXRhLnVybCkpO1xuY29uc3QgZG9jc0RpciA9IGZpbGVVUkxUb1BhdGgobmV3IFVSTCgnLi4vZG9jcy8nLCBpbXBvcnQubWV0YS51cmwpKTtcbmNvbnN0IGZpcnN0ID0gZmlyc3RMaW5rcyhkb2NzRGlyKTtcblxuLy8gSW5saW5lLCBzbyBicm93c2VycyBkbyBub3QgYXNrIGZvciAvZmF2aWNvbi5pY28gYW5kIGxvZyBhIDQwNCBvbiBldmVyeSBwYWdlLlxuY29uc3QgZmF2aWNvblN2ZyA9XG4gIFwiPHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHZpZXdCb3g9JzAgMCAzMiAzMic+PHJlY3Qgd2lkdGg9JzMyJyBoZWlnaHQ9JzMyJyByeD0nNicgXCIgK1xuICBcImZpbGw9JyNkODJjMjAnLz48cGF0aCBkPSdNOSAxMWgxNE05IDE2aDE0TTkgMjFoMTQnIHN0cm9rZT0nd2hpdGUnIHN0cm9rZS13aWR0aD0nMycgc3Ryb2tlLWxpbmVjYXA9J3JvdW5kJy8+PC9zdmc+XCI7XG5jb25zdCBmYXZpY29uID0gYGRhdGE6aW1hZ2Uvc3ZnK3htbCwke2VuY29kZVVSSUNvbXBvbmVudChmYXZpY29uU3ZnKX1gO1xuXG4vKiogVGhlIGRldiBzZXJ2ZXIncyBmaXJzdCBwYWdlIGxvYWQgYXNrcyBmb3IgL2Zhdmljb24uaWNvIGJlZm9yZSB0aGUgaGVhZCBpcyBhcHBsaWVkLiAqL1xuY29uc3QgZGV2RmF2aWNvbjogUGx1Z2luID0ge1xuICBuYW1lOiAnY291cnNlLWRldi1mYXZpY29uJyxcbiAgY29uZmlndXJlU2VydmVyKHNlcnZlcikge1xuICAgIHNlcnZlci5taWRkbGV3YXJlcy51c2UoJy9mYXZpY29uLmljbycsIChfcmVxdWVzdCwgcmVzcG9uc2UpID0+IHtcbiAgICAgIHJlc3BvbnNlLnNldEhlYWRlcignY29udGVudC10eXBlJywgJ2ltYWdlL3N2Zyt4bWwnKTtcbiAgICAgIHJlc3BvbnNlLmVuZChmYXZpY29uU3ZnKTtcbiAgICB9KTtcbiAgfSxcbn07XG5cbmV4cG9ydCBkZWZhdWx0IHdpdGhNZXJtYWlkKFxuICBkZWZpbmVDb25maWcoe1xuICAgIHRpdGxlOiAnQ2FjaGluZyB3aXRoIFJlZGlzJyxcbiAgICBkZXNjcmlwdGlvbjogJ0ludGVydmlldyBwcmVwIG9uIGNhY2hpbmcgd2l0aCBSZWRpcyBmb3IgTm9kZS5qcyBlbmdpbmVlcnMsIHdpdGggbGFicyBhZ2FpbnN0IGEgcmVhbCBSZWRpcyBhbmQgUG9zdGdyZXMuJyxcbiAgICBzcmNEaXI6ICdkb2NzJyxcbiAgICBjbGVhblVybHM6IHRydWUsXG4gICAgYXBwZWFyYW5jZTogdHJ1ZSxcbiAgICBoZWFkOiBbWydsaW5rJywgeyByZWw6ICdpY29uJywgaHJlZjogZmF2aWNvbiB9XV0sXG4gICAgbGFzdFVwZGF0ZWQ6IGZhbHNlLFxuICAgIG1hcmtkb3duOiB7XG4gICAgICBjb25maWc6IChtZCkgPT4ge1xuICAgICAgICBtZC51c2UocmVwb0xpbmtzKGRvY3NEaXIucmVwbGFjZSgvXFwvJC8sICcnKSwgcmVwb1Jvb3QucmVwbGFjZSgvXFwvJC8sICcnKSkpO1xuICAgICAgICBtZC51c2UoY29kZVRpdGxlcyhyZXBvUm9vdC5yZXBsYWNlKC9cXC8kLywgJycpKSk7XG4gICAgICB9LFxuICAgIH0sXG4gICAgLy8gTGVzc29ucyBhbmQgbGFicyBhcmUgY29kZSBhbmQgZGlhZ3JhbXMgYXMgbXVjaCBhcyBwcm9zZTogdGhlaXIgcGFnZXMgZ2V0IGEgd2lkZXJcbiAgICAvLyBjb2x1bW4gKHRoZW1lL3N0eWxlLmNzcywgYC53aWRlLWRvY2ApLlxuICAgIGJ1aWxkRW5kOiAoc2l0ZSkgPT4gY29weU1lcm1haWQoc2l0ZS5vdXREaXIpLFxuICAgIHRyYW5zZm9ybVBhZ2VEYXRhKHBhZ2VEYXRhKSB7XG4gICAgICBpZiAoL14obGVzc29uc3xsYWJzKVxcLy8udGVzdChwYWdlRGF0YS5yZWxhdGl2ZVBhdGgpKSBwYWdlRGF0YS5mcm9udG1hdHRlci5wYWdlQ2xhc3MgPz89ICd3aWRlLWRvYyc7XG4gICAgfSxcbiAgICB0aGVtZUNvbmZpZzoge1xuICAgICAgbmF2OiBbXG4gICAgICAgIHsgdGV4dDogJ0xlc3NvbnMnLCBsaW5rOiBmaXJzdC5sZXNzb24gPz8gJy8nLCBhY3RpdmVNYXRjaDogJ14vbGVzc29ucy8nIH0sXG4gICAgICAgIHsgdGV4dDogJ0xhYnMnLCBsaW5rOiBmaXJzdC5sYWIgPz8gJy8nLCBhY3RpdmVNYXRjaDogJ14vbGFicy8nIH0sXG4gICAgICAgIHsgdGV4dDogJ0ludGVydmlldyBxdWVzdGlvbnMnLCBsaW5rOiAnL2ludGVydmlldycgfSxcbiAgICAgICAgeyB0ZXh0OiAnTWVhc3VyZWQnLCBsaW5rOiAnL2JlbmNoJyB9LFxuICAgICAgXSxcbiAgICAgIHNpZGViYXI6IGJ1aWxkU2lkZWJhcihkb2NzRGlyKSxcbiAgICAgIG91dGxpbmU6IHsgbGV2ZWw6IFsyLCAzXSB9LFxuICAgICAgc2VhcmNoOiB7XG4gICAgICAgIHByb3ZpZGVyOiAnbG9jYWwnLFxuICAgICAgICBvcHRpb25zOiB7XG4gICAgICAgICAgLy8gVGhlIGludGVydmlldyBwYWdlIGlzIGZpbGxlZCBpbiBieSBhIGNvbXBvbmVudCBhdCBidWlsZCB0aW1lOyBmZWVkIGl0c1xuICAgICAgICAgIC8vIHF1ZXN0aW9ucyBhbmQgYW5zd2VycyB0byB0aGUgaW5kZXggdG9vLCBzbyBzZWFyY2ggZmluZHMgdGhlbS5cbiAgICAgICAgICBhc3luYyBfcmVuZGVyKHNyYywgZW52LCBtZCkge1xuICAgICAgICAgICAgY29uc3QgaHRtbCA9IG1kLnJlbmRlcihzcmMsIGVudik7XG4gICAgICAgICAgICBpZiAoZW52LmZyb250bWF0dGVyPy5zZWFyY2ggPT09IGZhbHNlKSByZXR1cm4gJyc7XG4gICAgICAgICAgICBpZiAoZW52LnJlbGF0aXZlUGF0aCAhPT0gJ2ludGVydmlldy5tZCcpIHJldHVybiBodG1sO1xuICAgICAgICAgICAgY29uc3QgeyBxdWl6emVzIH0gPSBhd2FpdCBsb2FkUXVpenplcyh7IHJvb3Q6IHJlcG9Sb290IH0pO1xuICAgICAgICAgICAgcmV0dXJuIGh0bWwgKyBtZC5yZW5kZXIoaW50ZXJ2aWV3TWFya2Rvd24ocXVpenplcykubWFya2Rvd24sIGVudik7XG4gICAgICAgICAgfSxcbiAgICAgICAgfSxcbiAgICAgIH0sXG4gICAgICBkb2NGb290ZXI6IHsgcHJldjogJ1ByZXZpb3VzJywgbmV4dDogJ05leHQnIH0sXG4gICAgfSxcbiAgICAvLyBTZXF1ZW5jZSBkaWFncmFtcyBhcmUgZHJhd24gYXQgdGhlaXIgbmF0dXJhbCBzaXplLCB1cCB0byB0aGUgY29sdW1uJ3Mgd2lkdGg6IGFcbiAgICAvLyBuYXJyb3dlciBnYXAgYmV0d2VlbiBwYXJ0aWNpcGFudHMgKHRoZSBkZWZhdWx0IGlzIDUwIHB4KSBrZWVwcyBmaXZlIG9mIHRoZW0gb24gb25lXG4gICAgLy8gc2NyZWVuOyBhIGxvbmcgbWVzc2FnZSBzdGlsbCB3aWRlbnMgaXRzIG93biBnYXAuXG4gICAgbWVybWFpZDogeyBzZXF1ZW5jZTogeyBhY3Rvck1hcmdpbjogMzAgfSB9LFxuICAgIHZpdGU6IHtcbiAgICAgIHBsdWdpbnM6IFtkZXZGYXZpY29uLCBsZWFybmVyUHJvZ3Jlc3MoKSwgcHJlYnVpbHRNZXJtYWlkKCldLFxuICAgICAgLy8gVGhlIGRldiBzZXJ2ZXIgaW1wb3J0cyBNZXJtYWlkJ3Mgb3duIHByZWJ1aWx0IEVTTSBidW5kbGUsIG5vdCBpdHMgc291cmNlczogaXQgbmV2ZXJcbiAgICAgIC8vIG1lZXRzIGZhc3Rkb20sIGFuIG9sZCBVTUQgZmlsZSB0aG9zZSBzb3VyY2VzIGltcG9ydCB0aGF0IGl0IGNhbm5vdCBzZXJ2ZSByYXdcbiAgICAgIC8vIChlbWVyc29uYm90dGVyby92aXRlcHJlc3MtcGx1Z2luLW1lcm1haWQjOTgpLiBBIGJ1aWxkIGJ1bmRsZXMgbm9uZSBvZiBNZXJtYWlkXG4gICAgICAvLyAocHJlYnVpbHQtbWVybWFpZC50cykuXG4gICAgICByZXNvbHZlOiB7IGFsaWFzOiBbeyBmaW5kOiAvXm1lcm1haWQkLywgcmVwbGFjZW1lbnQ6ICdtZXJtYWlkL2Rpc3QvbWVybWFpZC5lc20ubWluLm1qcycgfV0gfSxcbiAgICB9LFxuICB9KSxcbik7XG4iLCAiY29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2Rpcm5hbWUgPSBcIi93b3JrL21haW4vaGFybmVzcy9xdWl6XCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ZpbGVuYW1lID0gXCIvd29yay9tYWluL2hhcm5lc3MvcXVpei9sb2FkLnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vaGFybmVzcy9xdWl6L2xvYWQudHNcIjtpbXBvcnQgeyBleGlzdHNTeW5jIH0gZnJvbSAnbm9kZTpmcyc7XG5pbXBvcnQgeyByZWFkZGlyLCByZWFkRmlsZSB9IGZyb20gJ25vZGU6ZnMvcHJvbWlzZXMnO1xuaW1wb3J0IHsgYmFzZW5hbWUsIGpvaW4sIHJlbGF0aXZlIH0gZnJvbSAnbm9kZTpwYXRoJztcbmltcG9ydCB7IGZpbGVVUkxUb1BhdGggfSBmcm9tICdub2RlOnVybCc7XG5pbXBvcnQgeyBwYXJzZURvY3VtZW50IH0gZnJvbSAneWFtbCc7XG5pbXBvcnQgdHlwZSB7IHogfSBmcm9tICd6b2QnO1xuaW1wb3J0IHsgTEVTU09OX1NMVUcsIHF1aXpTY2hlbWEsIHR5cGUgTG9hZGVkUXVpeiB9IGZyb20gJy4vc2NoZW1hLmpzJztcblxuZXhwb3J0IGNvbnN0IFJFUE9fUk9PVCA9IGZpbGVVUkxUb1BhdGgobmV3IFVSTCgnLi4vLi4vJywgaW1wb3J0Lm1ldGEudXJsKSk7XG5cbi8qKiBPbmUgdGhpbmcgd3Jvbmcgd2l0aCBvbmUgcXVpeiBmaWxlLCBhbHJlYWR5IHBocmFzZWQgYXMgYSBzaW5nbGUgbGluZS4gKi9cbmV4cG9ydCBpbnRlcmZhY2UgUXVpelByb2JsZW0ge1xuICBmaWxlOiBzdHJpbmc7XG4gIC8qKiBgcXVpenplcy8wNC1zdGFtcGVkZS55YW1sOiBxdWVzdGlvbiBcImxvY2stb3duZXItdG9rZW5cIjogb3B0aW9uc1sxXS53aHk6IHdoeSBtdXN0IG5vdCBiZSBlbXB0eWAgKi9cbiAgbGluZTogc3RyaW5nO1xuICAvKiogVGhlIHNpdGUgdG9sZXJhdGVzIGEgcXVpeiB3aG9zZSBsZXNzb24gcGFnZSBpcyBub3Qgd3JpdHRlbiB5ZXQ7IHZlcmlmeSBkb2VzIG5vdC4gKi9cbiAga2luZDogJ2ludmFsaWQnIHwgJ21pc3NpbmctbGVzc29uJztcbn1cblxuZXhwb3J0IGludGVyZmFjZSBMb2FkZWRRdWl6emVzIHtcbiAgcXVpenplczogTG9hZGVkUXVpeltdO1xuICBwcm9ibGVtczogUXVpelByb2JsZW1bXTtcbn1cblxuZXhwb3J0IGludGVyZmFjZSBMb2FkT3B0aW9ucyB7XG4gIC8qKiBXaGVyZSB0aGUgTk4tc2x1Zy55YW1sIGZpbGVzIGxpdmU7IGRlZmF1bHQgcXVpenplcy8gYXQgdGhlIHJlcG9zaXRvcnkgcm9vdC4gKi9cbiAgcXVpekRpcj86IHN0cmluZztcbiAgLyoqIFdoZXJlIGVhY2ggcXVpeidzIGxlc3NvbiBwYWdlIG11c3QgZXhpc3Q7IGRlZmF1bHQgZG9jcy9sZXNzb25zLy4gKi9cbiAgbGVzc29uRGlyPzogc3RyaW5nO1xuICAvKiogUGF0aHMgaW4gbWVzc2FnZXMgYXJlIHJlbGF0aXZlIHRvIHRoaXM7IGRlZmF1bHQgdGhlIHJlcG9zaXRvcnkgcm9vdC4gKi9cbiAgcm9vdD86IHN0cmluZztcbn1cblxuLyoqIFJlYWRzIGFuZCB2YWxpZGF0ZXMgZXZlcnkgcXVpeiBmaWxlOyBuZXZlciB0aHJvd3MgZm9yIGEgYmFkIGZpbGUsIGl0IHJlcG9ydHMgaXQuICovXG5leHBvcnQgYXN5bmMgZnVuY3Rpb24gbG9hZFF1aXp6ZXMob3B0aW9uczogTG9hZE9wdGlvbnMgPSB7fSk6IFByb21pc2U8TG9hZGVkUXVpenplcz4ge1xuICBjb25zdCByb290ID0gb3B0aW9ucy5yb290ID8/IFJFUE9fUk9PVDtcbiAgY29uc3QgcXVpekRpciA9IG9wdGlvbnMucXVpekRpciA/PyBqb2luKHJvb3QsICdxdWl6emVzJyk7XG4gIGNvbnN0IGxlc3NvbkRpciA9IG9wdGlvbnMubGVzc29uRGlyID8/IGpvaW4ocm9vdCwgJ2RvY3MnLCAnbGVzc29ucycpO1xuICBjb25zdCBuYW1lcyA9IGV4aXN0c1N5bmMocXVpekRpcikgPyAoYXdhaXQgcmVhZGRpcihxdWl6RGlyKSkuc29ydCgpIDogW107XG4gIGNvbnN0IHJlc3VsdDogTG9hZGVkUXVpenplcyA9IHsgcXVpenplczogW10sIHByb2JsZW1zOiBbXSB9O1xuICBmb3IgKGNvbnN0IG5hbWUgb2YgbmFtZXMpIHtcbiAgICBjb25zdCBwYXRoID0gam9pbihxdWl6RGlyLCBuYW1lKTtcbiAgICBjb25zdCBmaWxlID0gcmVsYXRpdmUocm9vdCwgcGF0aCk7XG4gICAgaWYgKG5hbWUuZW5kc1dpdGgoJy55bWwnKSkge1xuICAgICAgcmVzdWx0LnByb2JsZW1zLnB1c2goeyBmaWxlLCBraW5kOiAnaW52YWxpZCcsIGxpbmU6IGAke2ZpbGV9OiByZW5hbWUgaXQgdG8gJHtuYW1lLnNsaWNlKDAsIC00KX0ueWFtbGAgfSk7XG4gICAgICBjb250aW51ZTtcbiAgICB9XG4gICAgaWYgKCFuYW1lLmVuZHNXaXRoKCcueWFtbCcpKSBjb250aW51ZTtcbiAgICBjb25zdCBwYXJzZWQgPSBwYXJzZVF1aXpTb3VyY2UoZmlsZSwgYXdhaXQgcmVhZEZpbGUocGF0aCwgJ3V0ZjgnKSk7XG4gICAgcmVzdWx0LnByb2JsZW1zLnB1c2goLi4ucGFyc2VkLnByb2JsZW1zKTtcbiAgICBpZiAoIXBhcnNlZC5xdWl6KSBjb250aW51ZTtcbiAgICBjb25zdCBsZXNzb25QYWdlID0gam9pbihsZXNzb25EaXIsIGAke3BhcnNlZC5xdWl6Lmxlc3Nvbn0ubWRgKTtcbiAgICBpZiAoIWV4aXN0c1N5bmMobGVzc29uUGFnZSkpIHtcbiAgICAgIHJlc3VsdC5wcm9ibGVtcy5wdXNoKHtcbiAgICAgICAgZmlsZSxcbiAgICAgICAga2luZDogJ21pc3NpbmctbGVzc29uJyxcbiAgICAgICAgbGluZTogYCR7ZmlsZX06IGxlc3NvbjogJHtyZWxhdGl2ZShyb290LCBsZXNzb25QYWdlKX0gZG9lcyBub3QgZXhpc3Q7IHdyaXRlIHRoZSBsZXNzb24gb3IgZml4IHRoZSBzbHVnYCxcbiAgICAgIH0pO1xuICAgIH1cbiAgICByZXN1bHQucXVpenplcy5wdXNoKHBhcnNlZC5xdWl6KTtcbiAgfVxuICByZXR1cm4gcmVzdWx0O1xufVxuXG4vKiogUGFyc2VzIG9uZSBmaWxlJ3MgdGV4dC4gQSBxdWl6IGNvbWVzIGJhY2sgb25seSB3aGVuIHRoZSBmaWxlIGlzIGZ1bGx5IHZhbGlkLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHBhcnNlUXVpelNvdXJjZShmaWxlOiBzdHJpbmcsIHNvdXJjZTogc3RyaW5nKTogeyBxdWl6PzogTG9hZGVkUXVpejsgcHJvYmxlbXM6IFF1aXpQcm9ibGVtW10gfSB7XG4gIGNvbnN0IGludmFsaWQgPSAobGluZTogc3RyaW5nKTogUXVpelByb2JsZW0gPT4gKHsgZmlsZSwga2luZDogJ2ludmFsaWQnLCBsaW5lOiBgJHtmaWxlfTogJHtsaW5lfWAgfSk7XG4gIGNvbnN0IGRvYyA9IHBhcnNlRG9jdW1lbnQoc291cmNlKTtcbiAgY29uc3QgeWFtbEVycm9yID0gZG9jLmVycm9yc1swXTtcbiAgaWYgKHlhbWxFcnJvcikge1xuICAgIC8vIFRoZSB5YW1sIHBhY2thZ2UgYXBwZW5kcyBhIGNvZGUgZnJhbWUgYWZ0ZXIgdGhlIGZpcnN0IGxpbmU7IG9uZSBsaW5lIGlzIGVub3VnaCBoZXJlLlxuICAgIGNvbnN0IGZpcnN0ID0geWFtbEVycm9yLm1lc3NhZ2Uuc3BsaXQoJ1xcbicpWzBdPy5yZXBsYWNlKC86JC8sICcnKSA/PyAndW5yZWFkYWJsZSBZQU1MJztcbiAgICByZXR1cm4geyBwcm9ibGVtczogW2ludmFsaWQoYG5vdCB2YWxpZCBZQU1MOiAke2ZpcnN0fWApXSB9O1xuICB9XG4gIGNvbnN0IHJhdzogdW5rbm93biA9IGRvYy50b0pTKCk7XG4gIGNvbnN0IGNoZWNrZWQgPSBxdWl6U2NoZW1hLnNhZmVQYXJzZShyYXcpO1xuICBpZiAoIWNoZWNrZWQuc3VjY2Vzcykge1xuICAgIHJldHVybiB7IHByb2JsZW1zOiBjaGVja2VkLmVycm9yLmlzc3Vlcy5tYXAoKGlzc3VlKSA9PiBpbnZhbGlkKGRlc2NyaWJlSXNzdWUocmF3LCBpc3N1ZSkpKSB9O1xuICB9XG4gIGNvbnN0IGV4cGVjdGVkID0gYmFzZW5hbWUoZmlsZSkucmVwbGFjZSgvXFwueWFtbCQvLCAnJyk7XG4gIGlmICghTEVTU09OX1NMVUcudGVzdChleHBlY3RlZCkpIHtcbiAgICByZXR1cm4geyBwcm9ibGVtczogW2ludmFsaWQoYHRoZSBmaWxlIG5hbWUgbXVzdCBiZSBOTi1zbHVnLnlhbWwsIG5hbWVkIGxpa2UgaXRzIGxlc3NvbmApXSB9O1xuICB9XG4gIGlmIChjaGVja2VkLmRhdGEubGVzc29uICE9PSBleHBlY3RlZCkge1xuICAgIHJldHVybiB7IHByb2JsZW1zOiBbaW52YWxpZChgbGVzc29uOiBcIiR7Y2hlY2tlZC5kYXRhLmxlc3Nvbn1cIiBtdXN0IG1hdGNoIHRoZSBmaWxlIG5hbWUgXCIke2V4cGVjdGVkfVwiYCldIH07XG4gIH1cbiAgcmV0dXJuIHsgcXVpejogeyAuLi5jaGVja2VkLmRhdGEsIGZpbGUgfSwgcHJvYmxlbXM6IFtdIH07XG59XG5cbi8qKiBgcXVlc3Rpb24gXCJsb2NrLW93bmVyLXRva2VuXCI6IG9wdGlvbnNbMV0ud2h5OiB3aHkgbXVzdCBub3QgYmUgZW1wdHlgICovXG5mdW5jdGlvbiBkZXNjcmliZUlzc3VlKHJhdzogdW5rbm93biwgaXNzdWU6IHouY29yZS4kWm9kSXNzdWUpOiBzdHJpbmcge1xuICBjb25zdCBwYXRoID0gWy4uLmlzc3VlLnBhdGhdO1xuICBsZXQgd2hlcmUgPSAnJztcbiAgaWYgKHBhdGhbMF0gPT09ICdxdWVzdGlvbnMnICYmIHR5cGVvZiBwYXRoWzFdID09PSAnbnVtYmVyJykge1xuICAgIGNvbnN0IGluZGV4ID0gcGF0aFsxXTtcbiAgICBjb25zdCBpZCA9IHZhbHVlQXQocmF3LCBbJ3F1ZXN0aW9ucycsIGluZGV4LCAnaWQnXSk7XG4gICAgd2hlcmUgPSB0eXBlb2YgaWQgPT09ICdzdHJpbmcnID8gYHF1ZXN0aW9uIFwiJHtpZH1cImAgOiBgcXVlc3Rpb24gIyR7aW5kZXggKyAxfWA7XG4gICAgcGF0aC5zcGxpY2UoMCwgMik7XG4gIH1cbiAgY29uc3QgZmllbGQgPSBwYXRoLnJlZHVjZTxzdHJpbmc+KFxuICAgICh0ZXh0LCBwYXJ0KSA9PiAodHlwZW9mIHBhcnQgPT09ICdudW1iZXInID8gYCR7dGV4dH1bJHtwYXJ0fV1gIDogdGV4dCA/IGAke3RleHR9LiR7U3RyaW5nKHBhcnQpfWAgOiBTdHJpbmcocGFydCkpLFxuICAgICcnLFxuICApO1xuICBjb25zdCBtaXNzaW5nID0gaXNzdWUuY29kZSA9PT0gJ2ludmFsaWRfdHlwZScgJiYgdmFsdWVBdChyYXcsIGlzc3VlLnBhdGgpID09PSB1bmRlZmluZWQ7XG4gIGNvbnN0IG1lc3NhZ2UgPSBtaXNzaW5nID8gJ2lzIG1pc3NpbmcnIDogaXNzdWUubWVzc2FnZTtcbiAgcmV0dXJuIFt3aGVyZSwgZmllbGQsIG1lc3NhZ2VdLmZpbHRlcihCb29sZWFuKS5qb2luKCc6ICcpO1xufVxuXG5mdW5jdGlvbiB2YWx1ZUF0KHJhdzogdW5rbm93biwgcGF0aDogcmVhZG9ubHkgUHJvcGVydHlLZXlbXSk6IHVua25vd24ge1xuICBsZXQgdmFsdWUgPSByYXc7XG4gIGZvciAoY29uc3QgcGFydCBvZiBwYXRoKSB7XG4gICAgaWYgKHZhbHVlID09PSBudWxsIHx8IHR5cGVvZiB2YWx1ZSAhPT0gJ29iamVjdCcpIHJldHVybiB1bmRlZmluZWQ7XG4gICAgdmFsdWUgPSAodmFsdWUgYXMgUmVjb3JkPFByb3BlcnR5S2V5LCB1bmtub3duPilbcGFydF07XG4gIH1cbiAgcmV0dXJuIHZhbHVlO1xufVxuXG4vKiogQSBxdWl6IGJ5IHdoYXQgYSBsZWFybmVyIHR5cGVkOiA0LCAwNCwgMDQtc3RhbXBlZGUsIHN0YW1wZWRlIG9yIHF1aXp6ZXMvMDQtc3RhbXBlZGUueWFtbC4gKi9cbmV4cG9ydCBmdW5jdGlvbiBmaW5kUXVpeihxdWl6emVzOiBMb2FkZWRRdWl6W10sIHdhbnRlZDogc3RyaW5nKTogTG9hZGVkUXVpeiB8IHVuZGVmaW5lZCB7XG4gIGNvbnN0IG5hbWUgPSB3YW50ZWQudHJpbSgpLnRvTG93ZXJDYXNlKCkucmVwbGFjZSgvXi4qXFwvLywgJycpLnJlcGxhY2UoL1xcLnlhP21sJC8sICcnKTtcbiAgY29uc3QgbnVtYmVyID0gL15cXGQrJC8udGVzdChuYW1lKSA/IG5hbWUucGFkU3RhcnQoMiwgJzAnKSA6IHVuZGVmaW5lZDtcbiAgcmV0dXJuIChcbiAgICBxdWl6emVzLmZpbmQoKHF1aXopID0+IHF1aXoubGVzc29uID09PSBuYW1lKSA/P1xuICAgIHF1aXp6ZXMuZmluZCgocXVpeikgPT4gbnVtYmVyICE9PSB1bmRlZmluZWQgJiYgcXVpei5sZXNzb24uc3RhcnRzV2l0aChgJHtudW1iZXJ9LWApKSA/P1xuICAgIHF1aXp6ZXMuZmluZCgocXVpeikgPT4gcXVpei5sZXNzb24uc2xpY2UoMykgPT09IG5hbWUpXG4gICk7XG59XG4iLCAiY29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2Rpcm5hbWUgPSBcIi93b3JrL21haW4vaGFybmVzcy9xdWl6XCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ZpbGVuYW1lID0gXCIvd29yay9tYWluL2hhcm5lc3MvcXVpei9zY2hlbWEudHNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfaW1wb3J0X21ldGFfdXJsID0gXCJmaWxlOi8vL3dvcmsvbWFpbi9oYXJuZXNzL3F1aXovc2NoZW1hLnRzXCI7aW1wb3J0IHsgeiB9IGZyb20gJ3pvZCc7XG5cbi8qKlxuICogVGhlIHNoYXBlIG9mIG9uZSBxdWl6IGZpbGUsIGBxdWl6emVzL05OLXNsdWcueWFtbGAuIFRoZSBzaXRlLCB0aGUgdGVybWluYWwgcXVpeiBhbmRcbiAqIHZlcmlmeSBhbGwgcmVhZCBxdWl6emVzIHRocm91Z2ggdGhpcyBzY2hlbWEsIHNvIGEgcXVlc3Rpb24gaXMgYXNrZWQgdGhlIHNhbWUgd2F5XG4gKiBldmVyeXdoZXJlLiBxdWl6emVzL1JFQURNRS5tZCBleHBsYWlucyBlYWNoIGZpZWxkIHRvIGF1dGhvcnMuXG4gKi9cblxuY29uc3QgS0VCQUIgPSAvXlthLXowLTldKyg/Oi1bYS16MC05XSspKiQvO1xuZXhwb3J0IGNvbnN0IExFU1NPTl9TTFVHID0gL15cXGR7Mn0tW2EtejAtOV0rKD86LVthLXowLTldKykqJC87XG5cbi8qKlxuICogQ29tbWFuZHMgYSBjbGFpbSBtYXkgbmV2ZXIgcnVuOiB0aGUgUmVkaXMgc2VydmVyIGlzIHNoYXJlZCB3aXRoIG90aGVyIHBlb3BsZSdzIHdvcmssXG4gKiBzbyBub3RoaW5nIHRoYXQgZW1wdGllcywgcmVjb25maWd1cmVzLCBibG9ja3Mgb3Igc2NhbnMgaXQgd2hvbGVzYWxlIGlzIGFsbG93ZWQuXG4gKi9cbmV4cG9ydCBjb25zdCBGT1JCSURERU5fQ09NTUFORFMgPSBuZXcgU2V0KFtcbiAgJ0FDTCcsICdCR1JFV1JJVEVBT0YnLCAnQkdTQVZFJywgJ0NMSUVOVCcsICdDTFVTVEVSJywgJ0NPTkZJRycsICdERUJVRycsICdGQUlMT1ZFUicsXG4gICdGTFVTSEFMTCcsICdGTFVTSERCJywgJ0ZVTkNUSU9OJywgJ0tFWVMnLCAnTUlHUkFURScsICdNT0RVTEUnLCAnTU9OSVRPUicsICdNT1ZFJyxcbiAgJ1BTVUJTQ1JJQkUnLCAnUFNZTkMnLCAnUkVQTElDQU9GJywgJ1NBVkUnLCAnU0NSSVBUJywgJ1NFTEVDVCcsICdTSFVURE9XTicsICdTTEFWRU9GJyxcbiAgJ1NTVUJTQ1JJQkUnLCAnU1VCU0NSSUJFJywgJ1NXQVBEQicsICdTWU5DJyxcbl0pO1xuXG5jb25zdCB0ZXh0ID0gKHdoYXQ6IHN0cmluZykgPT5cbiAgei5zdHJpbmcoeyBlcnJvcjogYCR7d2hhdH0gbXVzdCBiZSB0ZXh0YCB9KS50cmltKCkubWluKDEsIGAke3doYXR9IG11c3Qgbm90IGJlIGVtcHR5YCk7XG5cbi8qKiBSZXBsYWNlcyB6b2QncyBcImV4cGVjdGVkIG9iamVjdFwiIHdpdGggd2hhdCB0aGUgYXV0aG9yIHNob3VsZCBoYXZlIHdyaXR0ZW4uICovXG5jb25zdCBzaGFwZWQgPSAoaGludDogc3RyaW5nKSA9PiAoe1xuICBlcnJvcjogKGlzc3VlOiB7IGNvZGU/OiBzdHJpbmcgfSkgPT4gKGlzc3VlLmNvZGUgPT09ICdpbnZhbGlkX3R5cGUnID8gaGludCA6IHVuZGVmaW5lZCksXG59KTtcblxuY29uc3QgY29tbWFuZFdvcmQgPSB6LnVuaW9uKFt6LnN0cmluZygpLCB6Lm51bWJlcigpXSk7XG5cbmNvbnN0IGNvbW1hbmQgPSB6XG4gIC5hcnJheShjb21tYW5kV29yZCwgeyBlcnJvcjogJ2VhY2ggc3RlcCBvZiBydW4gbXVzdCBiZSBhIGxpc3QgbGlrZSBbU0VULCBcIntrZXl9XCIsIFwiYVwiXScgfSlcbiAgLm1pbigxLCAnYSBzdGVwIG9mIHJ1biBtdXN0IG5hbWUgYSBjb21tYW5kJylcbiAgLnJlZmluZSgoc3RlcCkgPT4gIUZPUkJJRERFTl9DT01NQU5EUy5oYXMoU3RyaW5nKHN0ZXBbMF0pLnRvVXBwZXJDYXNlKCkpLCB7XG4gICAgbWVzc2FnZTogYHVzZXMgYSBjb21tYW5kIGNsYWltcyBtYXkgbm90IHJ1biAoJHtbLi4uRk9SQklEREVOX0NPTU1BTkRTXS5qb2luKCcsICcpfSlgLFxuICB9KTtcblxuLyoqIFdoYXQgdGhlIGxhc3QgY29tbWFuZCBvZiBhIGNsYWltIG11c3QgcmVwbHkuICovXG5leHBvcnQgY29uc3QgZXhwZWN0YXRpb24gPSB6LnVuaW9uKFtcbiAgei5zdHJpY3RPYmplY3QoeyBiZXR3ZWVuOiB6LnR1cGxlKFt6Lm51bWJlcigpLCB6Lm51bWJlcigpXSkgfSksXG4gIHouc3RyaWN0T2JqZWN0KHsgZXJyb3I6IHRleHQoJ2V4cGVjdC5lcnJvcicpIH0pLFxuICB6Lm51bGwoKSxcbiAgei5zdHJpbmcoKSxcbiAgei5udW1iZXIoKSxcbiAgei5hcnJheSh6Lmpzb24oKSksXG5dKTtcblxuZXhwb3J0IGNvbnN0IGNsYWltU2NoZW1hID0gei5zdHJpY3RPYmplY3QoXG4gIHtcbiAgICBzYXlzOiB0ZXh0KCdzYXlzJyksXG4gICAgcnVuOiB6LmFycmF5KGNvbW1hbmQpLm1pbigxLCAncnVuIG5lZWRzIGF0IGxlYXN0IG9uZSBjb21tYW5kJyksXG4gICAgLy8gUmVxdWlyZWQsIGV2ZW4gd2hlbiBudWxsOiBhIG1pc3NpbmcgZXhwZWN0IGlzIGEgbWlzdGFrZSwgbm90IFwiZXhwZWN0IG5pbFwiLlxuICAgIGV4cGVjdDogZXhwZWN0YXRpb24sXG4gIH0sXG4gIHNoYXBlZCgnZWFjaCBjbGFpbSBtdXN0IGJlIGEgbWFwcGluZyB3aXRoIHNheXMsIHJ1biBhbmQgZXhwZWN0JyksXG4pO1xuXG5jb25zdCBvcHRpb25TY2hlbWEgPSB6LnN0cmljdE9iamVjdChcbiAgeyB0ZXh0OiB0ZXh0KCd0ZXh0JyksIGNvcnJlY3Q6IHouYm9vbGVhbigpLm9wdGlvbmFsKCksIHdoeTogdGV4dCgnd2h5JykgfSxcbiAgc2hhcGVkKCdlYWNoIG9wdGlvbiBtdXN0IGJlIGEgbWFwcGluZzogeyB0ZXh0OiAuLi4sIGNvcnJlY3Q6IHRydWUsIHdoeTogLi4uIH0nKSxcbik7XG5cbmNvbnN0IGNvbW1vbiA9IHtcbiAgaWQ6IHouc3RyaW5nKHsgZXJyb3I6ICdpZCBtdXN0IGJlIHRleHQnIH0pLnJlZ2V4KEtFQkFCLCAnaWQgbXVzdCBiZSBrZWJhYi1jYXNlLCBsaWtlIGxvY2stb3duZXItdG9rZW4nKSxcbiAgcHJvbXB0OiB0ZXh0KCdwcm9tcHQnKSxcbiAgaW50ZXJ2aWV3OiB6LmJvb2xlYW4oKS5vcHRpb25hbCgpLFxuICBjbGFpbXM6IHouYXJyYXkoY2xhaW1TY2hlbWEpLm9wdGlvbmFsKCksXG59O1xuXG5leHBvcnQgY29uc3QgY2hvaWNlUXVlc3Rpb25TY2hlbWEgPSB6LnN0cmljdE9iamVjdCh7XG4gIC4uLmNvbW1vbixcbiAgdHlwZTogei5saXRlcmFsKCdjaG9pY2UnKSxcbiAgb3B0aW9uczogei5hcnJheShvcHRpb25TY2hlbWEpLm1pbigyLCAnYSBjaG9pY2UgcXVlc3Rpb24gbmVlZHMgYXQgbGVhc3QgMiBvcHRpb25zJyksXG59KTtcblxuZXhwb3J0IGNvbnN0IG9wZW5RdWVzdGlvblNjaGVtYSA9IHouc3RyaWN0T2JqZWN0KHtcbiAgLi4uY29tbW9uLFxuICB0eXBlOiB6LmxpdGVyYWwoJ29wZW4nKSxcbiAgYW5zd2VyOiB0ZXh0KCdhbnN3ZXInKSxcbiAgLyoqIEEgXCJkZXNpZ24gaXRcIiBwcm9tcHQ6IGEgc3lzdGVtIHRvIHNrZXRjaCBhbG91ZCwgYW5zd2VyZWQgd2l0aCB0cmFkZS1vZmZzLCBudW1iZXJzIGFuZCBmYWlsdXJlIG1vZGVzLiAqL1xuICBkZXNpZ246IHouYm9vbGVhbigpLm9wdGlvbmFsKCksXG59KTtcblxuZXhwb3J0IGNvbnN0IHF1ZXN0aW9uU2NoZW1hID0gei5kaXNjcmltaW5hdGVkVW5pb24oJ3R5cGUnLCBbY2hvaWNlUXVlc3Rpb25TY2hlbWEsIG9wZW5RdWVzdGlvblNjaGVtYV0sIHtcbiAgZXJyb3I6ICd0eXBlIG11c3QgYmUgXCJjaG9pY2VcIiBvciBcIm9wZW5cIicsXG59KTtcblxuZXhwb3J0IGNvbnN0IHF1aXpTY2hlbWEgPSB6XG4gIC5zdHJpY3RPYmplY3QoXG4gICAge1xuICAgICAgbGVzc29uOiB6LnN0cmluZyh7IGVycm9yOiAnbGVzc29uIG11c3QgYmUgdGV4dCcgfSkucmVnZXgoTEVTU09OX1NMVUcsICdsZXNzb24gbXVzdCBsb29rIGxpa2UgMDQtc3RhbXBlZGUnKSxcbiAgICAgIHRpdGxlOiB0ZXh0KCd0aXRsZScpLFxuICAgICAgcXVlc3Rpb25zOiB6LmFycmF5KHF1ZXN0aW9uU2NoZW1hKS5taW4oMSwgJ2EgcXVpeiBuZWVkcyBhdCBsZWFzdCBvbmUgcXVlc3Rpb24nKSxcbiAgICB9LFxuICAgIHNoYXBlZCgndGhlIGZpbGUgbXVzdCBiZSBhIG1hcHBpbmcgd2l0aCBsZXNzb24sIHRpdGxlIGFuZCBxdWVzdGlvbnMnKSxcbiAgKVxuICAuc3VwZXJSZWZpbmUoXG4gICAgKHF1aXosIGN0eCkgPT4ge1xuICAgICAgLy8gUnVucyBldmVuIHdoZW4gb3RoZXIgZmllbGRzIGZhaWxlZCwgc28gb25lIHBhc3MgcmVwb3J0cyBldmVyeSBtaXN0YWtlOyBoZW5jZVxuICAgICAgLy8gdGhlIGRlZmVuc2l2ZSByZWFkcyBvZiBhIHZhbHVlIHRoYXQgbWF5IGJlIG9ubHkgcGFydGx5IHZhbGlkLlxuICAgICAgY29uc3QgcmF3ID0gKHF1aXogPz8ge30pIGFzIHsgcXVlc3Rpb25zPzogdW5rbm93biB9O1xuICAgICAgY29uc3QgcXVlc3Rpb25zOiB1bmtub3duW10gPSBBcnJheS5pc0FycmF5KHJhdy5xdWVzdGlvbnMpID8gcmF3LnF1ZXN0aW9ucyA6IFtdO1xuICAgICAgY29uc3Qgc2VlbiA9IG5ldyBTZXQ8c3RyaW5nPigpO1xuICAgICAgcXVlc3Rpb25zLmZvckVhY2goKGl0ZW0sIGluZGV4KSA9PiB7XG4gICAgICAgIGNvbnN0IHF1ZXN0aW9uID0gKGl0ZW0gPz8ge30pIGFzIHsgaWQ/OiB1bmtub3duOyB0eXBlPzogdW5rbm93bjsgb3B0aW9ucz86IHVua25vd24gfTtcbiAgICAgICAgaWYgKHR5cGVvZiBxdWVzdGlvbi5pZCA9PT0gJ3N0cmluZycpIHtcbiAgICAgICAgICBpZiAoc2Vlbi5oYXMocXVlc3Rpb24uaWQpKSB7XG4gICAgICAgICAgICBjdHguYWRkSXNzdWUoeyBjb2RlOiAnY3VzdG9tJywgcGF0aDogWydxdWVzdGlvbnMnLCBpbmRleCwgJ2lkJ10sIG1lc3NhZ2U6IGBpZCBcIiR7cXVlc3Rpb24uaWR9XCIgaXMgdXNlZCB0d2ljZWAgfSk7XG4gICAgICAgICAgfVxuICAgICAgICAgIHNlZW4uYWRkKHF1ZXN0aW9uLmlkKTtcbiAgICAgICAgfVxuICAgICAgICBjb25zdCBvcHRpb25zOiB1bmtub3duW10gPSBBcnJheS5pc0FycmF5KHF1ZXN0aW9uLm9wdGlvbnMpID8gcXVlc3Rpb24ub3B0aW9ucyA6IFtdO1xuICAgICAgICBjb25zdCBhbnlDb3JyZWN0ID0gb3B0aW9ucy5zb21lKChvcHRpb24pID0+IChvcHRpb24gYXMgeyBjb3JyZWN0PzogdW5rbm93biB9IHwgbnVsbCk/LmNvcnJlY3QgPT09IHRydWUpO1xuICAgICAgICBpZiAocXVlc3Rpb24udHlwZSA9PT0gJ2Nob2ljZScgJiYgIWFueUNvcnJlY3QpIHtcbiAgICAgICAgICBjdHguYWRkSXNzdWUoeyBjb2RlOiAnY3VzdG9tJywgcGF0aDogWydxdWVzdGlvbnMnLCBpbmRleCwgJ29wdGlvbnMnXSwgbWVzc2FnZTogJ25vIG9wdGlvbiBoYXMgY29ycmVjdDogdHJ1ZScgfSk7XG4gICAgICAgIH1cbiAgICAgIH0pO1xuICAgIH0sXG4gICAgeyB3aGVuOiAoKSA9PiB0cnVlIH0sXG4gICk7XG5cbmV4cG9ydCB0eXBlIFF1aXogPSB6LmluZmVyPHR5cGVvZiBxdWl6U2NoZW1hPjtcbmV4cG9ydCB0eXBlIFF1ZXN0aW9uID0gei5pbmZlcjx0eXBlb2YgcXVlc3Rpb25TY2hlbWE+O1xuZXhwb3J0IHR5cGUgQ2hvaWNlUXVlc3Rpb24gPSB6LmluZmVyPHR5cGVvZiBjaG9pY2VRdWVzdGlvblNjaGVtYT47XG5leHBvcnQgdHlwZSBPcGVuUXVlc3Rpb24gPSB6LmluZmVyPHR5cGVvZiBvcGVuUXVlc3Rpb25TY2hlbWE+O1xuZXhwb3J0IHR5cGUgQ2xhaW0gPSB6LmluZmVyPHR5cGVvZiBjbGFpbVNjaGVtYT47XG5leHBvcnQgdHlwZSBFeHBlY3RhdGlvbiA9IHouaW5mZXI8dHlwZW9mIGV4cGVjdGF0aW9uPjtcblxuLyoqIEEgcXVpeiB3aXRoIHRoZSBmaWxlIGl0IGNhbWUgZnJvbSwgYXMgdGhlIGxvYWRlciBoYW5kcyBpdCBvdXQuICovXG5leHBvcnQgaW50ZXJmYWNlIExvYWRlZFF1aXogZXh0ZW5kcyBRdWl6IHtcbiAgLyoqIFBhdGggcmVsYXRpdmUgdG8gdGhlIHJlcG9zaXRvcnkgcm9vdCwgZS5nLiBxdWl6emVzLzA0LXN0YW1wZWRlLnlhbWwuICovXG4gIGZpbGU6IHN0cmluZztcbn1cbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi8udml0ZXByZXNzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ZpbGVuYW1lID0gXCIvd29yay9tYWluLy52aXRlcHJlc3MvY29kZS10aXRsZXMudHNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfaW1wb3J0X21ldGFfdXJsID0gXCJmaWxlOi8vL3dvcmsvbWFpbi8udml0ZXByZXNzL2NvZGUtdGl0bGVzLnRzXCI7aW1wb3J0IHsgYmFzZW5hbWUsIHJlbGF0aXZlLCBzZXAgfSBmcm9tICdub2RlOnBhdGgnO1xuaW1wb3J0IHR5cGUgeyBNYXJrZG93blJlbmRlcmVyIH0gZnJvbSAndml0ZXByZXNzJztcblxudHlwZSBUb2tlbiA9IFJldHVyblR5cGU8TWFya2Rvd25SZW5kZXJlclsncGFyc2UnXT5bbnVtYmVyXTtcblxuLyoqXG4gKiBBIGNvZGUgYmxvY2sgcXVvdGVkIGZyb20gYSBmaWxlIHNheXMgd2hpY2ggZmlsZSwgc28gYSBsZWFybmVyIGNhbiBvcGVuIGl0IGluIHRoZWlyXG4gKiBjbG9uZS4gVml0ZVByZXNzIGtlZXBzIGEgYmxvY2sncyBgW3RpdGxlXWAgb25seSBpbnNpZGUgYSBgOjo6IGNvZGUtZ3JvdXBgIChhcyB0aGUgdGFiJ3NcbiAqIGxhYmVsKSBhbmQgZHJvcHMgaXQgZXZlcnl3aGVyZSBlbHNlOyB0aGlzIHJ1bGUgc2hvd3MgaXQgYXMgYSBiYXIgYWJvdmUgdGhlIGJsb2NrLlxuICogYDw8PGAgaW1wb3J0cyBhcmUgdGl0bGVkIHdpdGggdGhlIGZpbGUncyBuYW1lIGJ5IFZpdGVQcmVzczsgd2Ugc2hvdyB0aGUgcGF0aCBmcm9tIHRoZVxuICogcmVwb3NpdG9yeSByb290IGluc3RlYWQgKGBzb2x1dGlvbnMvMDEtY2FjaGUtYXNpZGUvc3JjL2dldC1vci1mZXRjaC50c2ApLCB1bmxlc3MgdGhlXG4gKiBwYWdlIGdhdmUgYSB0aXRsZSBvZiBpdHMgb3duLiBCbG9ja3MgaW5zaWRlIGEgY29kZSBncm91cCBrZWVwIHRoZWlyIHRhYnMuXG4gKi9cbmV4cG9ydCBmdW5jdGlvbiBjb2RlVGl0bGVzKHJlcG9Sb290OiBzdHJpbmcpIHtcbiAgcmV0dXJuIChtZDogTWFya2Rvd25SZW5kZXJlcikgPT4ge1xuICAgIGNvbnN0IGZlbmNlID0gbWQucmVuZGVyZXIucnVsZXMuZmVuY2UhO1xuICAgIG1kLnJlbmRlcmVyLnJ1bGVzLmZlbmNlID0gKHRva2VucywgaWR4LCBvcHRpb25zLCBlbnYsIHNlbGYpID0+IHtcbiAgICAgIGNvbnN0IHRva2VuID0gdG9rZW5zW2lkeF0hO1xuICAgICAgY29uc3QgdGl0bGUgPSB0aXRsZU9mKHRva2VuLCByZXBvUm9vdCk7XG4gICAgICBjb25zdCBodG1sID0gZmVuY2UodG9rZW5zLCBpZHgsIG9wdGlvbnMsIGVudiwgc2VsZik7XG4gICAgICBpZiAoIXRpdGxlIHx8IGluQ29kZUdyb3VwKHRva2VucywgaWR4KSkgcmV0dXJuIGh0bWw7XG4gICAgICByZXR1cm4gYDxkaXYgY2xhc3M9XCJjb2RlLXRpdGxlXCI+PHNwYW4+JHttZC51dGlscy5lc2NhcGVIdG1sKHRpdGxlKX08L3NwYW4+PC9kaXY+JHtodG1sfWA7XG4gICAgfTtcbiAgfTtcbn1cblxuZnVuY3Rpb24gdGl0bGVPZih0b2tlbjogVG9rZW4sIHJlcG9Sb290OiBzdHJpbmcpOiBzdHJpbmcgfCB1bmRlZmluZWQge1xuICBjb25zdCBnaXZlbiA9IHRva2VuLmluZm8ubWF0Y2goL1xcWyguKilcXF0vKT8uWzFdPy50cmltKCk7XG4gIGlmICghZ2l2ZW4pIHJldHVybiB1bmRlZmluZWQ7XG4gIC8vIFNldCBieSBWaXRlUHJlc3MncyBzbmlwcGV0IGltcG9ydDogW2Fic29sdXRlIHBhdGggb2YgdGhlIGZpbGUsIHJlZ2lvbl0uXG4gIGNvbnN0IHNyYyA9ICh0b2tlbiBhcyB7IHNyYz86IHVua25vd24gfSkuc3JjO1xuICBjb25zdCBmaWxlID0gQXJyYXkuaXNBcnJheShzcmMpICYmIHR5cGVvZiBzcmNbMF0gPT09ICdzdHJpbmcnID8gc3JjWzBdIDogdW5kZWZpbmVkO1xuICBpZiAoZmlsZSAmJiBnaXZlbiA9PT0gYmFzZW5hbWUoZmlsZSkpIHJldHVybiByZWxhdGl2ZShyZXBvUm9vdCwgZmlsZSkuc3BsaXQoc2VwKS5qb2luKCcvJyk7XG4gIHJldHVybiBnaXZlbjtcbn1cblxuLyoqIFRydWUgd2hlbiB0aGUgZmVuY2Ugc2l0cyBiZXR3ZWVuIGEgYDo6OiBjb2RlLWdyb3VwYCBvcGVuaW5nIGFuZCBpdHMgY2xvc2luZy4gKi9cbmZ1bmN0aW9uIGluQ29kZUdyb3VwKHRva2VuczogVG9rZW5bXSwgaWR4OiBudW1iZXIpOiBib29sZWFuIHtcbiAgZm9yIChsZXQgaSA9IGlkeCAtIDE7IGkgPj0gMDsgaSAtPSAxKSB7XG4gICAgY29uc3QgdHlwZSA9IHRva2Vuc1tpXSEudHlwZTtcbiAgICBpZiAodHlwZSA9PT0gJ2NvbnRhaW5lcl9jb2RlLWdyb3VwX2Nsb3NlJykgcmV0dXJuIGZhbHNlO1xuICAgIGlmICh0eXBlID09PSAnY29udGFpbmVyX2NvZGUtZ3JvdXBfb3BlbicpIHJldHVybiB0cnVlO1xuICB9XG4gIHJldHVybiBmYWxzZTtcbn1cbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi8udml0ZXByZXNzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ZpbGVuYW1lID0gXCIvd29yay9tYWluLy52aXRlcHJlc3MvaW50ZXJ2aWV3LW1hcmtkb3duLnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vLnZpdGVwcmVzcy9pbnRlcnZpZXctbWFya2Rvd24udHNcIjtpbXBvcnQgdHlwZSB7IExvYWRlZFF1aXosIFF1ZXN0aW9uIH0gZnJvbSAnLi4vaGFybmVzcy9xdWl6L3NjaGVtYS5qcyc7XG5cbi8qKlxuICogVGhlIGludGVydmlldyBwYWdlIGFzIG1hcmtkb3duOiBldmVyeSBxdWVzdGlvbiBtYXJrZWQgYGludGVydmlldzogdHJ1ZWAgYW5kIGV2ZXJ5XG4gKiBvcGVuIHF1ZXN0aW9uLCBncm91cGVkIGJ5IGxlc3NvbiBpbiBsZXNzb24gb3JkZXIsIGVhY2ggd2l0aCBpdHMgbW9kZWwgYW5zd2VyLiBVc2VkIGZvclxuICogdGhlIHBhZ2UgaXRzZWxmIGFuZCBmb3IgdGhlIHNlYXJjaCBpbmRleCwgc28gYm90aCBhbHdheXMgc2F5IHRoZSBzYW1lIHRoaW5nLlxuICovXG5leHBvcnQgZnVuY3Rpb24gaW50ZXJ2aWV3TWFya2Rvd24oXG4gIHF1aXp6ZXM6IHJlYWRvbmx5IExvYWRlZFF1aXpbXSxcbiAgaGFzTGVzc29uOiAobGVzc29uOiBzdHJpbmcpID0+IGJvb2xlYW4gPSAoKSA9PiB0cnVlLFxuKTogeyBtYXJrZG93bjogc3RyaW5nOyBjb3VudDogbnVtYmVyIH0ge1xuICBjb25zdCBwYXJ0czogc3RyaW5nW10gPSBbXTtcbiAgbGV0IGNvdW50ID0gMDtcbiAgY29uc3Qgb3JkZXJlZCA9IFsuLi5xdWl6emVzXS5zb3J0KChhLCBiKSA9PiBhLmxlc3Nvbi5sb2NhbGVDb21wYXJlKGIubGVzc29uKSk7XG4gIGNvbnN0IGRlc2lnbnMgPSBvcmRlcmVkLmZsYXRNYXAoKHF1aXopID0+IHF1aXoucXVlc3Rpb25zLmZpbHRlcihpc0Rlc2lnbikubWFwKChxdWVzdGlvbikgPT4gKHsgcXVpeiwgcXVlc3Rpb24gfSkpKTtcbiAgaWYgKGRlc2lnbnMubGVuZ3RoID4gMCkge1xuICAgIHBhcnRzLnB1c2goJyMjIERlc2lnbiBpdCB7I2Rlc2lnbi1pdH0nKTtcbiAgICBwYXJ0cy5wdXNoKCdPbmUgc3lzdGVtIHBlciBsYWIgdG9waWMsIHRvIHNrZXRjaCBhbG91ZCBpbiBhYm91dCB0ZW4gbWludXRlczogdGhlIGRlc2lnbiwgaXRzIHRyYWRlLW9mZnMsIG51bWJlcnMsIGFuZCBob3cgaXQgZmFpbHMuJyk7XG4gICAgZm9yIChjb25zdCB7IHF1aXosIHF1ZXN0aW9uIH0gb2YgZGVzaWducykge1xuICAgICAgY291bnQgKz0gMTtcbiAgICAgIHBhcnRzLnB1c2goLi4ucXVlc3Rpb25NYXJrZG93bihxdWl6Lmxlc3NvbiwgcXVlc3Rpb24pKTtcbiAgICB9XG4gIH1cbiAgZm9yIChjb25zdCBxdWl6IG9mIG9yZGVyZWQpIHtcbiAgICBjb25zdCBjaG9zZW4gPSBxdWl6LnF1ZXN0aW9ucy5maWx0ZXIoKHF1ZXN0aW9uKSA9PiAhaXNEZXNpZ24ocXVlc3Rpb24pICYmIChxdWVzdGlvbi5pbnRlcnZpZXcgPT09IHRydWUgfHwgcXVlc3Rpb24udHlwZSA9PT0gJ29wZW4nKSk7XG4gICAgaWYgKGNob3Nlbi5sZW5ndGggPT09IDApIGNvbnRpbnVlO1xuICAgIHBhcnRzLnB1c2goYCMjICR7cXVpei5sZXNzb24uc2xpY2UoMCwgMil9IFx1MDBCNyAke3F1aXoudGl0bGV9IHsjJHtxdWl6Lmxlc3Nvbn19YCk7XG4gICAgaWYgKGhhc0xlc3NvbihxdWl6Lmxlc3NvbikpIHtcbiAgICAgIHBhcnRzLnB1c2goYEZyb20gdGhlIGxlc3NvbiBbJHtxdWl6LnRpdGxlfV0oL2xlc3NvbnMvJHtxdWl6Lmxlc3Nvbn0pLCB3aG9zZSBxdWl6IGhhcyB0aGUgbXVsdGlwbGUtY2hvaWNlIHF1ZXN0aW9ucyB0b28uYCk7XG4gICAgfVxuICAgIGZvciAoY29uc3QgcXVlc3Rpb24gb2YgY2hvc2VuKSB7XG4gICAgICBjb3VudCArPSAxO1xuICAgICAgcGFydHMucHVzaCguLi5xdWVzdGlvbk1hcmtkb3duKHF1aXoubGVzc29uLCBxdWVzdGlvbikpO1xuICAgIH1cbiAgfVxuICBpZiAoY291bnQgPT09IDApIHBhcnRzLnB1c2goJ05vIGludGVydmlldyBxdWVzdGlvbnMgeWV0OiB0aGV5IGFwcGVhciBoZXJlIGFzIHRoZSBxdWl6emVzIGluIGBxdWl6emVzL2AgYXJlIHdyaXR0ZW4uJyk7XG4gIHJldHVybiB7IG1hcmtkb3duOiBwYXJ0cy5qb2luKCdcXG5cXG4nKSwgY291bnQgfTtcbn1cblxuY29uc3QgaXNEZXNpZ24gPSAocXVlc3Rpb246IFF1ZXN0aW9uKSA9PiBxdWVzdGlvbi50eXBlID09PSAnb3BlbicgJiYgcXVlc3Rpb24uZGVzaWduID09PSB0cnVlO1xuXG5mdW5jdGlvbiBxdWVzdGlvbk1hcmtkb3duKGxlc3Nvbjogc3RyaW5nLCBxdWVzdGlvbjogUXVlc3Rpb24pOiBzdHJpbmdbXSB7XG4gIGNvbnN0IHByb21wdCA9IHF1ZXN0aW9uLnByb21wdC50cmltKCk7XG4gIGNvbnN0IG9uZUxpbmUgPSAhcHJvbXB0LmluY2x1ZGVzKCdcXG4nKTtcbiAgY29uc3QgaGVhZGluZyA9IG9uZUxpbmUgPyBwcm9tcHQgOiBgJHtxdWVzdGlvbi5pZC5yZXBsYWNlQWxsKCctJywgJyAnKX1gO1xuICBjb25zdCBvdXQgPSBbYCMjIyAke2hlYWRpbmd9IHsjJHtsZXNzb259LSR7cXVlc3Rpb24uaWR9fWBdO1xuICBpZiAoIW9uZUxpbmUpIG91dC5wdXNoKHByb21wdCk7XG4gIC8vIFBsYWluIEhUTUwgd2l0aCB0aGUgdGhlbWUncyBiYWRnZSBjbGFzc2VzOiB0aGlzIG1hcmtkb3duIGlzIHNob3duIHRocm91Z2ggdi1odG1sLFxuICAvLyB3aGVyZSBhIFZ1ZSBjb21wb25lbnQgc3VjaCBhcyA8QmFkZ2U+IHdvdWxkIG5vdCBiZSBjb21waWxlZC5cbiAgaWYgKHF1ZXN0aW9uLmludGVydmlldykgb3V0LnB1c2goJzxzcGFuIGNsYXNzPVwiVlBCYWRnZSB0aXBcIj5pbnRlcnZpZXc8L3NwYW4+Jyk7XG4gIC8vIENvbGxhcHNlZCwgc28gdGhlIGxlYXJuZXIgYW5zd2VycyBhbG91ZCBmaXJzdCBhbmQgb3BlbnMgdGhlIG1vZGVsIGFuc3dlciBhZnRlci5cbiAgaWYgKHF1ZXN0aW9uLnR5cGUgPT09ICdvcGVuJykge1xuICAgIG91dC5wdXNoKGA6OjogZGV0YWlscyBTaG93IHRoZSBtb2RlbCBhbnN3ZXJcXG5cXG4ke3F1ZXN0aW9uLmFuc3dlci50cmltKCl9XFxuXFxuOjo6YCk7XG4gIH0gZWxzZSB7XG4gICAgY29uc3QgcmlnaHQgPSBxdWVzdGlvbi5vcHRpb25zLmZpbHRlcigob3B0aW9uKSA9PiBvcHRpb24uY29ycmVjdCk7XG4gICAgY29uc3QgaXRlbXMgPSByaWdodC5tYXAoKG9wdGlvbikgPT4gYC0gJHtvcHRpb24udGV4dC50cmltKCl9XFxuXFxuJHtvcHRpb24ud2h5LnRyaW0oKS5yZXBsYWNlKC9eL2dtLCAnICAnKX1gKTtcbiAgICBvdXQucHVzaChgOjo6IGRldGFpbHMgU2hvdyB0aGUgYW5zd2VyXFxuXFxuJHtpdGVtcy5qb2luKCdcXG5cXG4nKX1cXG5cXG46OjpgKTtcbiAgfVxuICByZXR1cm4gb3V0O1xufVxuIiwgImNvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9kaXJuYW1lID0gXCIvd29yay9tYWluLy52aXRlcHJlc3NcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vLnZpdGVwcmVzcy9sZWFybmVyLXByb2dyZXNzLnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vLnZpdGVwcmVzcy9sZWFybmVyLXByb2dyZXNzLnRzXCI7aW1wb3J0IHsgam9pbiB9IGZyb20gJ25vZGU6cGF0aCc7XG5pbXBvcnQgdHlwZSB7IFBsdWdpbiB9IGZyb20gJ3ZpdGUnO1xuaW1wb3J0IHsgbGFiU3VtbWFyaWVzIH0gZnJvbSAnLi4vaGFybmVzcy9sZWFybmVyL2xhYi1zdW1tYXJ5LmpzJztcbmltcG9ydCB7IExFQVJORVJfRElSIH0gZnJvbSAnLi4vaGFybmVzcy9sZWFybmVyL2xlYXJuZXItZmlsZS5qcyc7XG5pbXBvcnQgeyBQUk9HUkVTU19GSUxFIH0gZnJvbSAnLi4vaGFybmVzcy9sZWFybmVyL3Byb2dyZXNzLmpzJztcblxuLy8gV2hlcmUgdGhlIGRldiBzZXJ2ZXIgYW5zd2VycywgYW5kIHRoZSBldmVudCBpdCBzZW5kczsgTGFiUHJvZ3Jlc3MudnVlIHVzZXMgdGhlIHNhbWUgdHdvLlxuY29uc3QgUFJPR1JFU1NfVVJMID0gJy9fX2NvdXJzZS9wcm9ncmVzcy5qc29uJztcbmNvbnN0IFBST0dSRVNTX0VWRU5UID0gJ2NvdXJzZTpwcm9ncmVzcyc7XG5cbi8qKlxuICogV2hpbGUgdGhlIHNpdGUgaXMgc2VydmVkIGxvY2FsbHkgKGBucG0gcnVuIGRldmApLCBsYWIgcGFnZXMgYW5kIHRoZSBob21lIHBhZ2Ugc2hvdyB0aGVcbiAqIGxlYXJuZXIncyBvd24gcHJvZ3Jlc3M6IHRoZSBzYW1lIHJlY29yZCBgbnBtIHRlc3RgIHdyaXRlcyBhbmQgYG5wbSBydW4gc3RhdHVzYCBwcmludHMuXG4gKiBUaGUgZGV2IHNlcnZlciBhbnN3ZXJzIFBST0dSRVNTX1VSTCBhbmQgdGVsbHMgb3BlbiBwYWdlcyB3aGVuIGEgcnVuIGZpbmlzaGVzLiBBIGJ1aWx0XG4gKiBzaXRlIChgYXBwbHk6ICdzZXJ2ZSdgKSBoYXMgbm9uZSBvZiB0aGlzLCBhbmQgaXRzIHBhZ2VzIHNob3cgbm8gcHJvZ3Jlc3MuXG4gKi9cbmV4cG9ydCBmdW5jdGlvbiBsZWFybmVyUHJvZ3Jlc3MoKTogUGx1Z2luIHtcbiAgY29uc3QgZmlsZSA9IGpvaW4oTEVBUk5FUl9ESVIsIFBST0dSRVNTX0ZJTEUpO1xuICByZXR1cm4ge1xuICAgIG5hbWU6ICdjb3Vyc2UtbGVhcm5lci1wcm9ncmVzcycsXG4gICAgYXBwbHk6ICdzZXJ2ZScsXG4gICAgY29uZmlndXJlU2VydmVyKHNlcnZlcikge1xuICAgICAgc2VydmVyLm1pZGRsZXdhcmVzLnVzZShQUk9HUkVTU19VUkwsIChfcmVxdWVzdCwgcmVzcG9uc2UpID0+IHtcbiAgICAgICAgcmVzcG9uc2Uuc2V0SGVhZGVyKCdjb250ZW50LXR5cGUnLCAnYXBwbGljYXRpb24vanNvbicpO1xuICAgICAgICB0cnkge1xuICAgICAgICAgIHJlc3BvbnNlLmVuZChKU09OLnN0cmluZ2lmeShsYWJTdW1tYXJpZXMoKSkpO1xuICAgICAgICB9IGNhdGNoIChlcnJvcikge1xuICAgICAgICAgIHJlc3BvbnNlLnN0YXR1c0NvZGUgPSA1MDA7XG4gICAgICAgICAgcmVzcG9uc2UuZW5kKEpTT04uc3RyaW5naWZ5KHsgZXJyb3I6IChlcnJvciBhcyBFcnJvcikubWVzc2FnZSB9KSk7XG4gICAgICAgIH1cbiAgICAgIH0pO1xuICAgICAgc2VydmVyLndhdGNoZXIuYWRkKGZpbGUpO1xuICAgICAgY29uc3QgY2hhbmdlZCA9IChwYXRoOiBzdHJpbmcpID0+IHtcbiAgICAgICAgaWYgKHBhdGggPT09IGZpbGUpIHNlcnZlci53cy5zZW5kKHsgdHlwZTogJ2N1c3RvbScsIGV2ZW50OiBQUk9HUkVTU19FVkVOVCB9KTtcbiAgICAgIH07XG4gICAgICBzZXJ2ZXIud2F0Y2hlci5vbignYWRkJywgY2hhbmdlZCk7XG4gICAgICBzZXJ2ZXIud2F0Y2hlci5vbignY2hhbmdlJywgY2hhbmdlZCk7XG4gICAgfSxcbiAgfTtcbn1cbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi9oYXJuZXNzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ZpbGVuYW1lID0gXCIvd29yay9tYWluL2hhcm5lc3MvbGFiLW1ldGEudHNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfaW1wb3J0X21ldGFfdXJsID0gXCJmaWxlOi8vL3dvcmsvbWFpbi9oYXJuZXNzL2xhYi1tZXRhLnRzXCI7aW1wb3J0IHsgZXhpc3RzU3luYywgcmVhZEZpbGVTeW5jIH0gZnJvbSAnbm9kZTpmcyc7XG5pbXBvcnQgeyBqb2luIH0gZnJvbSAnbm9kZTpwYXRoJztcbmltcG9ydCB7IHBhcnNlIH0gZnJvbSAneWFtbCc7XG5pbXBvcnQgeyB6IH0gZnJvbSAnem9kJztcbmltcG9ydCB7IGxpc3RMYWJOYW1lcywgUk9PVCB9IGZyb20gJy4vbGFicy5qcyc7XG5pbXBvcnQgeyBCYWRJbnB1dEVycm9yIH0gZnJvbSAnLi9zZXJ2aWNlcy9lcnJvcnMuanMnO1xuXG4vLyBBIGxhYidzIGxhYi55YW1sLCByZWFkIGFuZCB2YWxpZGF0ZWQ6IGl0cyB0aXRsZSwgbGVzc29uLCB0aGUgY2hlY2tzIGl0cyBzdGFydGVyIGZhaWxzLFxuLy8gYW5kIHRoZSBoaW50cyBmb3IgZXZlcnkgY2hlY2suXG5cbmNvbnN0IENIRUNLX0lEID0gL15cXGRcXGRcXC5cXGQrJC87XG5cbmNvbnN0IGxhYk1ldGFTY2hlbWEgPSB6LnN0cmljdE9iamVjdCh7XG4gIHRpdGxlOiB6LnN0cmluZygpLm1pbigxKSxcbiAgbGVzc29uOiB6LnN0cmluZygpLnJlZ2V4KC9eXFxkXFxkLVthLXowLTktXSskLyksXG4gIHN0YXJ0ZXJfZmFpbHM6IHouYXJyYXkoei5zdHJpbmcoKS5yZWdleChDSEVDS19JRCkpLm1pbigxKSxcbiAgaGludHM6IHoucmVjb3JkKHouc3RyaW5nKCkucmVnZXgoQ0hFQ0tfSUQpLCB6LmFycmF5KHouc3RyaW5nKCkudHJpbSgpLm1pbigxKSkubWluKDEpKSxcbiAgLyoqIE1vcmUgd29ya2VycyBmb3IgdGhlIGxhYidzIGBucG0gdGVzdGAgdGhhbiB0aGUgZGVmYXVsdCB0aHJlZSAocmVhZCBieSBsYWJzLnRzJ3MgbGFiV29ya2VycykuICovXG4gIHdvcmtlcnM6IHoubnVtYmVyKCkuaW50KCkubWluKDQpLm1heCg4KS5vcHRpb25hbCgpLFxufSk7XG5cbmV4cG9ydCBpbnRlcmZhY2UgTGFiIHtcbiAgLyoqIEZvbGRlciBuYW1lLCBlLmcuIGAwMS1jYWNoZS1hc2lkZWAuICovXG4gIG5hbWU6IHN0cmluZztcbiAgLyoqIFR3byBkaWdpdHMsIGUuZy4gYDAxYC4gKi9cbiAgbnVtYmVyOiBzdHJpbmc7XG4gIGRpcjogc3RyaW5nO1xuICBzb2x1dGlvbkRpcjogc3RyaW5nO1xuICBtZXRhOiB6LmluZmVyPHR5cGVvZiBsYWJNZXRhU2NoZW1hPjtcbn1cblxuLyoqIEV2ZXJ5IGxhYiwgd2l0aCBpdHMgbGFiLnlhbWwgcmVhZCBhbmQgdmFsaWRhdGVkLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGxpc3RMYWJzKCk6IExhYltdIHtcbiAgcmV0dXJuIGxpc3RMYWJOYW1lcygpLm1hcChyZWFkTGFiKTtcbn1cblxuZXhwb3J0IGZ1bmN0aW9uIHJlYWRMYWIobmFtZTogc3RyaW5nKTogTGFiIHtcbiAgY29uc3QgZGlyID0gam9pbihST09ULCAnbGFicycsIG5hbWUpO1xuICBjb25zdCBtZXRhRmlsZSA9IGpvaW4oZGlyLCAnbGFiLnlhbWwnKTtcbiAgaWYgKCFleGlzdHNTeW5jKG1ldGFGaWxlKSkgdGhyb3cgbmV3IEJhZElucHV0RXJyb3IoYGxhYnMvJHtuYW1lfSBoYXMgbm8gbGFiLnlhbWw7IGNvcHkgdGhlIHNoYXBlIG9mIGxhYnMvMDEtY2FjaGUtYXNpZGUvbGFiLnlhbWwuYCk7XG4gIGxldCByYXc6IHVua25vd247XG4gIHRyeSB7XG4gICAgcmF3ID0gcGFyc2UocmVhZEZpbGVTeW5jKG1ldGFGaWxlLCAndXRmOCcpKTtcbiAgfSBjYXRjaCAoZXJyb3IpIHtcbiAgICB0aHJvdyBuZXcgQmFkSW5wdXRFcnJvcihgbGFicy8ke25hbWV9L2xhYi55YW1sIGlzIG5vdCB2YWxpZCBZQU1MOiAkeyhlcnJvciBhcyBFcnJvcikubWVzc2FnZS5zcGxpdCgnXFxuJylbMF19YCk7XG4gIH1cbiAgY29uc3QgbWV0YSA9IGxhYk1ldGFTY2hlbWEuc2FmZVBhcnNlKHJhdyk7XG4gIGlmICghbWV0YS5zdWNjZXNzKSB7XG4gICAgY29uc3QgaXNzdWUgPSBtZXRhLmVycm9yLmlzc3Vlc1swXSE7XG4gICAgdGhyb3cgbmV3IEJhZElucHV0RXJyb3IoYGxhYnMvJHtuYW1lfS9sYWIueWFtbDogJHtpc3N1ZS5wYXRoLmpvaW4oJy4nKSB8fCAnKHRvcCBsZXZlbCknfTogJHtpc3N1ZS5tZXNzYWdlfSAodGV4dCBjb250YWluaW5nIFwiOiBcIiBuZWVkcyBxdW90ZXMgb3IgYSA+LSBibG9jaylgKTtcbiAgfVxuICByZXR1cm4geyBuYW1lLCBudW1iZXI6IG5hbWUuc2xpY2UoMCwgMiksIGRpciwgc29sdXRpb25EaXI6IGpvaW4oUk9PVCwgJ3NvbHV0aW9ucycsIG5hbWUpLCBtZXRhOiBtZXRhLmRhdGEgfTtcbn1cbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi9oYXJuZXNzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ZpbGVuYW1lID0gXCIvd29yay9tYWluL2hhcm5lc3MvbGFicy50c1wiO2NvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9pbXBvcnRfbWV0YV91cmwgPSBcImZpbGU6Ly8vd29yay9tYWluL2hhcm5lc3MvbGFicy50c1wiO2ltcG9ydCB7IHJlYWRkaXJTeW5jLCByZWFkRmlsZVN5bmMgfSBmcm9tICdub2RlOmZzJztcbmltcG9ydCB7IGpvaW4gfSBmcm9tICdub2RlOnBhdGgnO1xuaW1wb3J0IHsgZmlsZVVSTFRvUGF0aCB9IGZyb20gJ25vZGU6dXJsJztcbmltcG9ydCB7IEJhZElucHV0RXJyb3IgfSBmcm9tICcuL3NlcnZpY2VzL2Vycm9ycy5qcyc7XG5cbi8vIFdoZXJlIHRoZSBsYWJzIGFyZSBhbmQgd2hhdCBhIGxlYXJuZXIgbWF5IGNhbGwgdGhlbS4gUmVhZGluZyBhIGxhYidzIGxhYi55YW1sIGlzXG4vLyBsYWItbWV0YS50czogdGhlIFlBTUwgcGFyc2VyIGFuZCB0aGUgc2NoZW1hIGNvc3QgYSB0ZW50aCBvZiBhIHNlY29uZCB0byBsb2FkLCB3aGljaFxuLy8gZXZlcnkgYG5wbSB0ZXN0YCB3b3VsZCBwYXkgZm9yIG5vdGhpbmcuXG5cbmV4cG9ydCBjb25zdCBST09UID0gZmlsZVVSTFRvUGF0aChuZXcgVVJMKCcuLicsIGltcG9ydC5tZXRhLnVybCkpO1xuXG4vKiogVGhlIGZvbGRlciBuYW1lcyBvZiBldmVyeSBsYWIgdW5kZXIgbGFicy8sIGluIG9yZGVyLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGxpc3RMYWJOYW1lcygpOiBzdHJpbmdbXSB7XG4gIHJldHVybiByZWFkZGlyU3luYyhqb2luKFJPT1QsICdsYWJzJyksIHsgd2l0aEZpbGVUeXBlczogdHJ1ZSB9KVxuICAgIC5maWx0ZXIoKGVudHJ5KSA9PiBlbnRyeS5pc0RpcmVjdG9yeSgpICYmIC9eXFxkXFxkLS8udGVzdChlbnRyeS5uYW1lKSlcbiAgICAubWFwKChlbnRyeSkgPT4gZW50cnkubmFtZSlcbiAgICAuc29ydCgpO1xufVxuXG4vKiogRmluZHMgYSBsYWIncyBmb2xkZXIgbmFtZSBmcm9tIHdoYXQgYSBsZWFybmVyIHR5cGVkOiBgbGFicy8wNC1zdGFtcGVkZWAsIGAwNC1zdGFtcGVkZWAsIGAwNGAsIGA0YC4gKi9cbmV4cG9ydCBmdW5jdGlvbiBmaW5kTGFiTmFtZSh0eXBlZDogc3RyaW5nKTogc3RyaW5nIHtcbiAgY29uc3QgbmFtZXMgPSBsaXN0TGFiTmFtZXMoKTtcbiAgY29uc3Qgd2FudGVkID0gdHlwZWQucmVwbGFjZSgvXlxcLj9cXC8/bGFic1xcLy8sICcnKS5yZXBsYWNlKC9cXC8uKiQvLCAnJyk7XG4gIGNvbnN0IG51bWJlciA9IC9eXFxkKyQvLnRlc3Qod2FudGVkKSA/IHdhbnRlZC5wYWRTdGFydCgyLCAnMCcpIDogdW5kZWZpbmVkO1xuICBjb25zdCBuYW1lID0gbmFtZXMuZmluZCgobikgPT4gbiA9PT0gd2FudGVkIHx8IG4uc2xpY2UoMCwgMikgPT09IG51bWJlcik7XG4gIGlmICghbmFtZSkge1xuICAgIHRocm93IG5ldyBCYWRJbnB1dEVycm9yKFxuICAgICAgYE5vIGxhYiBcIiR7dHlwZWR9XCIuIExhYnM6ICR7bmFtZXMuam9pbignLCAnKX0uIFRyeTogbnBtIHRlc3QgbGFicy8ke25hbWVzWzBdID8/ICcwMS1jYWNoZS1hc2lkZSd9YCxcbiAgICApO1xuICB9XG4gIHJldHVybiBuYW1lO1xufVxuXG4vKiogVGhlIG5hbWVzIG9mIGEgbGFiJ3Mgc3VpdGUgZmlsZXMgKGAqLnRlc3QudHNgKSwgZS5nLiBgY2FjaGUtYXNpZGUudGVzdC50c2AuICovXG5leHBvcnQgZnVuY3Rpb24gbGFiU3VpdGVGaWxlcyhsYWI6IHN0cmluZyk6IHN0cmluZ1tdIHtcbiAgcmV0dXJuIHJlYWRkaXJTeW5jKGpvaW4oUk9PVCwgJ2xhYnMnLCBsYWIpKS5maWx0ZXIoKG5hbWUpID0+IG5hbWUuZW5kc1dpdGgoJy50ZXN0LnRzJykpO1xufVxuXG4vKipcbiAqIFRoZSB3b3JrZXJzIGEgbGFiJ3MgYG5wbSB0ZXN0YCBhc2tzIGZvciBpbiBpdHMgbGFiLnlhbWwgKGB3b3JrZXJzOiA1YCwgdmFsaWRhdGVkIGJ5XG4gKiBsYWItbWV0YS50cyksIG9yIHVuZGVmaW5lZC4gUmVhZCB3aXRoIGEgcGF0dGVybiByYXRoZXIgdGhhbiB0aGUgWUFNTCBwYXJzZXIsIHdoaWNoIGV2ZXJ5XG4gKiBydW4gd291bGQgcGF5IGZvci5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGxhYldvcmtlcnMobGFiOiBzdHJpbmcpOiBudW1iZXIgfCB1bmRlZmluZWQge1xuICBjb25zdCBtYXRjaCA9IC9ed29ya2VyczpcXHMqKFxcZCspL20uZXhlYyhyZWFkRmlsZVN5bmMoam9pbihST09ULCAnbGFicycsIGxhYiwgJ2xhYi55YW1sJyksICd1dGY4JykpO1xuICByZXR1cm4gbWF0Y2ggPyBOdW1iZXIobWF0Y2hbMV0pIDogdW5kZWZpbmVkO1xufVxuIiwgImNvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9kaXJuYW1lID0gXCIvd29yay9tYWluL2hhcm5lc3Mvc2VydmljZXNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vaGFybmVzcy9zZXJ2aWNlcy9lcnJvcnMudHNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfaW1wb3J0X21ldGFfdXJsID0gXCJmaWxlOi8vL3dvcmsvbWFpbi9oYXJuZXNzL3NlcnZpY2VzL2Vycm9ycy50c1wiOy8qKlxuICogRXJyb3JzIHRoZSBjb3Vyc2UgcmFpc2VzIGFib3V0IGl0cyBvd24gc2V0dXAuIEVhY2ggY2FycmllcyBhIGNvZGUgYW5kIGEgbWVzc2FnZSBhXG4gKiBsZWFybmVyIGNhbiBhY3Qgb24gaW4gb25lIHJlYWQ7IHRoZSBDTElzIHByaW50IHRoZSBtZXNzYWdlIGFsb25lLCBuZXZlciBhIHN0YWNrLlxuICovXG5leHBvcnQgY2xhc3MgQ291cnNlRXJyb3IgZXh0ZW5kcyBFcnJvciB7XG4gIGNvbnN0cnVjdG9yKFxuICAgIHJlYWRvbmx5IGNvZGU6IHN0cmluZyxcbiAgICBtZXNzYWdlOiBzdHJpbmcsXG4gICkge1xuICAgIHN1cGVyKG1lc3NhZ2UpO1xuICAgIHRoaXMubmFtZSA9ICdDb3Vyc2VFcnJvcic7XG4gIH1cbn1cblxuZXhwb3J0IGNsYXNzIFNlcnZpY2VOb3RGb3VuZEVycm9yIGV4dGVuZHMgQ291cnNlRXJyb3Ige1xuICBjb25zdHJ1Y3RvcihzZXJ2aWNlOiAnUmVkaXMnIHwgJ1Bvc3RncmVzJywgdHJpZWQ6IHN0cmluZ1tdLCByZW1lZGllczogc3RyaW5nW10pIHtcbiAgICBzdXBlcihcbiAgICAgICdFX1NFUlZJQ0VfTk9UX0ZPVU5EJyxcbiAgICAgIGBObyAke3NlcnZpY2V9IGZvdW5kICh0cmllZDogJHt0cmllZC5qb2luKCc7ICcpfSkuICR7cmVtZWRpZXMuam9pbignIE9yICcpfWAsXG4gICAgKTtcbiAgfVxufVxuXG5leHBvcnQgY2xhc3MgU2VydmljZVVucmVhY2hhYmxlRXJyb3IgZXh0ZW5kcyBDb3Vyc2VFcnJvciB7XG4gIGNvbnN0cnVjdG9yKHZhcmlhYmxlOiBzdHJpbmcsIHVybDogc3RyaW5nLCByZWFzb246IHN0cmluZykge1xuICAgIHN1cGVyKFxuICAgICAgJ0VfU0VSVklDRV9VTlJFQUNIQUJMRScsXG4gICAgICBgJHt2YXJpYWJsZX09JHt1cmx9IGlzIHNldCwgYnV0ICR7cmVhc29ufS4gRml4IHRoZSBVUkwsIHN0YXJ0IHRoZSBzZXJ2ZXIsIG9yIHVuc2V0ICR7dmFyaWFibGV9IHRvIGxldCB0aGUgY291cnNlIGZpbmQgb3Igc3RhcnQgb25lLmAsXG4gICAgKTtcbiAgfVxufVxuXG5leHBvcnQgY2xhc3MgQmFkSW5wdXRFcnJvciBleHRlbmRzIENvdXJzZUVycm9yIHtcbiAgY29uc3RydWN0b3IobWVzc2FnZTogc3RyaW5nKSB7XG4gICAgc3VwZXIoJ0VfQkFEX0lOUFVUJywgbWVzc2FnZSk7XG4gIH1cbn1cbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi9oYXJuZXNzL2xlYXJuZXJcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vaGFybmVzcy9sZWFybmVyL3Byb2dyZXNzLnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vaGFybmVzcy9sZWFybmVyL3Byb2dyZXNzLnRzXCI7aW1wb3J0IHsgeiB9IGZyb20gJ3pvZCc7XG5pbXBvcnQgeyByZWFkTGVhcm5lckZpbGUsIHdyaXRlTGVhcm5lckZpbGUgfSBmcm9tICcuL2xlYXJuZXItZmlsZS5qcyc7XG5cbi8qKlxuICogYC5jb3Vyc2UvcHJvZ3Jlc3MuanNvbmA6IHRoZSBsYXN0IHJlc3VsdCBvZiBldmVyeSBjaGVjayBvZiBldmVyeSBsYWIsIGFzIHRoZSBsZWFybmVyJ3NcbiAqIG93biBjb2RlIGxhc3QgcmFuIGl0IChgbnBtIHRlc3RgLCBgbnBtIHJ1biB3YXRjaGApLiBgbnBtIHJ1biBzdGF0dXNgIHByaW50cyBpdCwgYW5kIHRoZVxuICogc2l0ZSBzaG93cyBpdCB3aGlsZSBzZXJ2ZWQgbG9jYWxseSAoYG5wbSBydW4gZGV2YCkuXG4gKi9cbmNvbnN0IEZJTEUgPSAncHJvZ3Jlc3MuanNvbic7XG5cbmNvbnN0IGxhYlByb2dyZXNzU2NoZW1hID0gei5vYmplY3Qoe1xuICAvKiogQ2hlY2sgSUQgLT4gcGFzc2VkLCBmb3IgZXZlcnkgY2hlY2sgdGhhdCByYW4gaW4gdGhlIGxhc3QgcnVuIHRoYXQgaW5jbHVkZWQgaXQuICovXG4gIGNoZWNrczogei5yZWNvcmQoei5zdHJpbmcoKSwgei5ib29sZWFuKCkpLFxuICAvKiogSVNPIHRpbWUgb2YgdGhlIGxhc3QgcnVuIG9mIHRoaXMgbGFiLiAqL1xuICBsYXN0UnVuOiB6LnN0cmluZygpLFxufSk7XG5jb25zdCBwcm9ncmVzc1NjaGVtYSA9IHoub2JqZWN0KHsgbGFiczogei5yZWNvcmQoei5zdHJpbmcoKSwgbGFiUHJvZ3Jlc3NTY2hlbWEpIH0pO1xuXG5leHBvcnQgdHlwZSBMYWJQcm9ncmVzcyA9IHouaW5mZXI8dHlwZW9mIGxhYlByb2dyZXNzU2NoZW1hPjtcbmV4cG9ydCB0eXBlIFByb2dyZXNzID0gei5pbmZlcjx0eXBlb2YgcHJvZ3Jlc3NTY2hlbWE+O1xuXG5leHBvcnQgY29uc3QgUFJPR1JFU1NfRklMRSA9IEZJTEU7XG5cbmV4cG9ydCBmdW5jdGlvbiByZWFkUHJvZ3Jlc3MoKTogUHJvZ3Jlc3Mge1xuICByZXR1cm4gcmVhZExlYXJuZXJGaWxlKEZJTEUsIHByb2dyZXNzU2NoZW1hLCAoKSA9PiAoeyBsYWJzOiB7fSB9KSk7XG59XG5cbi8qKiBSZWNvcmRzIG9uZSBydW4ncyByZXN1bHRzOiBgcmVzdWx0c2AgbWFwcyBsYWIgZm9sZGVyIG5hbWUgLT4gY2hlY2sgSUQgLT4gcGFzc2VkLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHJlY29yZFJ1bihyZXN1bHRzOiBSZWNvcmQ8c3RyaW5nLCBSZWNvcmQ8c3RyaW5nLCBib29sZWFuPj4sIGF0ID0gbmV3IERhdGUoKSk6IFByb2dyZXNzIHtcbiAgY29uc3QgcHJvZ3Jlc3MgPSByZWFkUHJvZ3Jlc3MoKTtcbiAgZm9yIChjb25zdCBbbGFiLCBjaGVja3NdIG9mIE9iamVjdC5lbnRyaWVzKHJlc3VsdHMpKSB7XG4gICAgLy8gQSBydW4gb2Ygb25lIGNoZWNrIGtlZXBzIHdoYXQgaXMga25vd24gYWJvdXQgdGhlIG90aGVycy5cbiAgICBwcm9ncmVzcy5sYWJzW2xhYl0gPSB7IGNoZWNrczogeyAuLi5wcm9ncmVzcy5sYWJzW2xhYl0/LmNoZWNrcywgLi4uY2hlY2tzIH0sIGxhc3RSdW46IGF0LnRvSVNPU3RyaW5nKCkgfTtcbiAgfVxuICB3cml0ZUxlYXJuZXJGaWxlKEZJTEUsIHByb2dyZXNzKTtcbiAgcmV0dXJuIHByb2dyZXNzO1xufVxuXG5jb25zdCBieUlkID0gKGE6IHN0cmluZywgYjogc3RyaW5nKSA9PiBOdW1iZXIoYS5zcGxpdCgnLicpWzFdKSAtIE51bWJlcihiLnNwbGl0KCcuJylbMV0pO1xuXG4vKiogVGhlIGZpcnN0IGZhaWxpbmcgY2hlY2sgb2YgYSBsYWIgaW4gY2hlY2sgb3JkZXIsIGlmIGFueS4gKi9cbmV4cG9ydCBmdW5jdGlvbiBmaXJzdEZhaWxpbmcocHJvZ3Jlc3M6IExhYlByb2dyZXNzIHwgdW5kZWZpbmVkKTogc3RyaW5nIHwgdW5kZWZpbmVkIHtcbiAgcmV0dXJuIE9iamVjdC5lbnRyaWVzKHByb2dyZXNzPy5jaGVja3MgPz8ge30pXG4gICAgLmZpbHRlcigoWywgcGFzc2VkXSkgPT4gIXBhc3NlZClcbiAgICAubWFwKChbaWRdKSA9PiBpZClcbiAgICAuc29ydChieUlkKVswXTtcbn1cbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi9oYXJuZXNzL2xlYXJuZXJcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vaGFybmVzcy9sZWFybmVyL2xlYXJuZXItZmlsZS50c1wiO2NvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9pbXBvcnRfbWV0YV91cmwgPSBcImZpbGU6Ly8vd29yay9tYWluL2hhcm5lc3MvbGVhcm5lci9sZWFybmVyLWZpbGUudHNcIjtpbXBvcnQgeyBta2RpclN5bmMsIHJlYWRGaWxlU3luYywgcmVuYW1lU3luYywgd3JpdGVGaWxlU3luYyB9IGZyb20gJ25vZGU6ZnMnO1xuaW1wb3J0IHsgam9pbiB9IGZyb20gJ25vZGU6cGF0aCc7XG5pbXBvcnQgdHlwZSB7IHogfSBmcm9tICd6b2QnO1xuaW1wb3J0IHsgUk9PVCB9IGZyb20gJy4uL2xhYnMuanMnO1xuXG4vKipcbiAqIFdoYXQgdGhlIGNvdXJzZSByZW1lbWJlcnMgYWJvdXQgb25lIGxlYXJuZXIgb24gdGhpcyBtYWNoaW5lIChsYWIgcHJvZ3Jlc3MsIHF1aXpcbiAqIGFuc3dlcnMsIHRoZSBxdWl6J3Mgc2h1ZmZsZSBzZWVkKSBsaXZlcyBpbiBgLmNvdXJzZS9gLCB3aGljaCBnaXQgaWdub3Jlcy4gQSBmaWxlIHRoYXRcbiAqIGlzIG1pc3NpbmcsIHVucmVhZGFibGUgb3IgZnJvbSBhbiBvbGRlciBzaGFwZSBjb3VudHMgYXMgZW1wdHk6IGxvc2luZyBwcm9ncmVzcyBpc1xuICogYmV0dGVyIHRoYW4gcmVmdXNpbmcgdG8gcnVuLlxuICovXG5leHBvcnQgY29uc3QgTEVBUk5FUl9ESVIgPSBqb2luKFJPT1QsICcuY291cnNlJyk7XG5cbmV4cG9ydCBmdW5jdGlvbiByZWFkTGVhcm5lckZpbGU8VD4obmFtZTogc3RyaW5nLCBzY2hlbWE6IHouWm9kVHlwZTxUPiwgZW1wdHk6ICgpID0+IFQpOiBUIHtcbiAgdHJ5IHtcbiAgICBjb25zdCBwYXJzZWQgPSBzY2hlbWEuc2FmZVBhcnNlKEpTT04ucGFyc2UocmVhZEZpbGVTeW5jKGpvaW4oTEVBUk5FUl9ESVIsIG5hbWUpLCAndXRmOCcpKSk7XG4gICAgcmV0dXJuIHBhcnNlZC5zdWNjZXNzID8gcGFyc2VkLmRhdGEgOiBlbXB0eSgpO1xuICB9IGNhdGNoIHtcbiAgICByZXR1cm4gZW1wdHkoKTtcbiAgfVxufVxuXG4vKiogV3JpdGVzIHdob2xlIG9yIG5vdCBhdCBhbGwgKGEgcmVuYW1lKSwgc28gYSBydW4ga2lsbGVkIG1pZC13cml0ZSBsZWF2ZXMgdGhlIG9sZCBmaWxlLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHdyaXRlTGVhcm5lckZpbGUobmFtZTogc3RyaW5nLCB2YWx1ZTogdW5rbm93bik6IHZvaWQge1xuICBta2RpclN5bmMoTEVBUk5FUl9ESVIsIHsgcmVjdXJzaXZlOiB0cnVlIH0pO1xuICBjb25zdCBwYXRoID0gam9pbihMRUFSTkVSX0RJUiwgbmFtZSk7XG4gIGNvbnN0IHRlbXBvcmFyeSA9IGAke3BhdGh9LiR7cHJvY2Vzcy5waWR9LnRtcGA7XG4gIHdyaXRlRmlsZVN5bmModGVtcG9yYXJ5LCBgJHtKU09OLnN0cmluZ2lmeSh2YWx1ZSwgbnVsbCwgMil9XFxuYCk7XG4gIHJlbmFtZVN5bmModGVtcG9yYXJ5LCBwYXRoKTtcbn1cbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi9oYXJuZXNzL2xlYXJuZXJcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vaGFybmVzcy9sZWFybmVyL2xhYi1zdW1tYXJ5LnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vaGFybmVzcy9sZWFybmVyL2xhYi1zdW1tYXJ5LnRzXCI7aW1wb3J0IHsgbGlzdExhYnMgfSBmcm9tICcuLi9sYWItbWV0YS5qcyc7XG5pbXBvcnQgeyBmaXJzdEZhaWxpbmcsIHJlYWRQcm9ncmVzcyB9IGZyb20gJy4vcHJvZ3Jlc3MuanMnO1xuXG4vKiogT25lIGxhYiBhcyB0aGUgbGVhcm5lciBzdGFuZHMgb24gaXQ6IHdoYXQgYG5wbSBydW4gc3RhdHVzYCBwcmludHMgYW5kIHRoZSBzaXRlIHNob3dzLiAqL1xuZXhwb3J0IGludGVyZmFjZSBMYWJTdW1tYXJ5IHtcbiAgbGFiOiBzdHJpbmc7XG4gIHRpdGxlOiBzdHJpbmc7XG4gIHBhc3NlZDogbnVtYmVyO1xuICB0b3RhbDogbnVtYmVyO1xuICAvKiogVGhlIGNoZWNrIHRvIHdvcmsgb24gbmV4dDsgYWJzZW50IHdoZW4gZXZlcnkgY2hlY2sgaXMgZ3JlZW4uICovXG4gIGZpcnN0VG9GaXg/OiBzdHJpbmc7XG4gIC8qKiBJU08gdGltZSBvZiB0aGUgbGFzdCBydW4gb2YgdGhlIGxlYXJuZXIncyBjb2RlLCBpZiBhbnkuICovXG4gIGxhc3RSdW4/OiBzdHJpbmc7XG59XG5cbi8qKiBFdmVyeSBsYWIsIHdpdGggaXRzIGNoZWNrcyAoZWFjaCBoYXMgaGludHMgaW4gbGFiLnlhbWwpIGFnYWluc3QgdGhlIGxhc3QgcmVjb3JkZWQgcmVzdWx0cy4gKi9cbmV4cG9ydCBmdW5jdGlvbiBsYWJTdW1tYXJpZXMoKTogTGFiU3VtbWFyeVtdIHtcbiAgY29uc3QgcHJvZ3Jlc3MgPSByZWFkUHJvZ3Jlc3MoKTtcbiAgcmV0dXJuIGxpc3RMYWJzKCkubWFwKChsYWIpID0+IHtcbiAgICBjb25zdCBjaGVja3MgPSBPYmplY3Qua2V5cyhsYWIubWV0YS5oaW50cyk7XG4gICAgY29uc3Qga25vd24gPSBwcm9ncmVzcy5sYWJzW2xhYi5uYW1lXTtcbiAgICBjb25zdCBwYXNzZWQgPSBjaGVja3MuZmlsdGVyKChpZCkgPT4ga25vd24/LmNoZWNrc1tpZF0gPT09IHRydWUpLmxlbmd0aDtcbiAgICBjb25zdCBmaXJzdFRvRml4ID0gcGFzc2VkID09PSBjaGVja3MubGVuZ3RoID8gdW5kZWZpbmVkIDogKGZpcnN0RmFpbGluZyhrbm93bikgPz8gY2hlY2tzLmZpbmQoKGlkKSA9PiBrbm93bj8uY2hlY2tzW2lkXSAhPT0gdHJ1ZSkpO1xuICAgIHJldHVybiB7XG4gICAgICBsYWI6IGxhYi5uYW1lLFxuICAgICAgdGl0bGU6IGxhYi5tZXRhLnRpdGxlLFxuICAgICAgcGFzc2VkLFxuICAgICAgdG90YWw6IGNoZWNrcy5sZW5ndGgsXG4gICAgICAuLi4oZmlyc3RUb0ZpeCA/IHsgZmlyc3RUb0ZpeCB9IDoge30pLFxuICAgICAgLi4uKGtub3duID8geyBsYXN0UnVuOiBrbm93bi5sYXN0UnVuIH0gOiB7fSksXG4gICAgfTtcbiAgfSk7XG59XG4iLCAiY29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2Rpcm5hbWUgPSBcIi93b3JrL21haW4vLnZpdGVwcmVzc1wiO2NvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9maWxlbmFtZSA9IFwiL3dvcmsvbWFpbi8udml0ZXByZXNzL3ByZWJ1aWx0LW1lcm1haWQudHNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfaW1wb3J0X21ldGFfdXJsID0gXCJmaWxlOi8vL3dvcmsvbWFpbi8udml0ZXByZXNzL3ByZWJ1aWx0LW1lcm1haWQudHNcIjtpbXBvcnQgeyBjcFN5bmMgfSBmcm9tICdub2RlOmZzJztcbmltcG9ydCB7IGNyZWF0ZVJlcXVpcmUgfSBmcm9tICdub2RlOm1vZHVsZSc7XG5pbXBvcnQgeyBkaXJuYW1lLCBqb2luIH0gZnJvbSAnbm9kZTpwYXRoJztcbmltcG9ydCB7IGZpbGVVUkxUb1BhdGggfSBmcm9tICdub2RlOnVybCc7XG5pbXBvcnQgdHlwZSB7IFBsdWdpbiB9IGZyb20gJ3ZpdGUnO1xuXG4vKiogTWVybWFpZCdzIHByZWJ1aWx0IGJyb3dzZXIgYnVuZGxlOiBvbmUgZW50cnkgdGhhdCBpbXBvcnRzIGl0cyBkaWFncmFtIHR5cGVzIGFzIGNodW5rcyBvbiBkZW1hbmQuICovXG5jb25zdCBFTlRSWSA9ICdtZXJtYWlkLmVzbS5taW4ubWpzJztcbmNvbnN0IFBSRUJVSUxUID0gYG1lcm1haWQvZGlzdC8ke0VOVFJZfWA7XG5jb25zdCBtZXJtYWlkRGlzdCA9IGRpcm5hbWUoY3JlYXRlUmVxdWlyZShpbXBvcnQubWV0YS51cmwpLnJlc29sdmUoUFJFQlVJTFQpKTtcbmNvbnN0IExPQURFUiA9IGZpbGVVUkxUb1BhdGgobmV3IFVSTCgnLi90aGVtZS9tZXJtYWlkLWxvYWRlci50cycsIGltcG9ydC5tZXRhLnVybCkpO1xuXG4vKipcbiAqIEEgYnVpbHQgc2l0ZSBkb2VzIG5vdCBidW5kbGUgTWVybWFpZDogaXRzIGRpYWdyYW1zIGltcG9ydCB0aGVtZS9tZXJtYWlkLWxvYWRlci50cyxcbiAqIHdoaWNoIGxvYWRzIE1lcm1haWQncyBvd24gcHJlYnVpbHQgRVNNIGZyb20gYDxiYXNlPm1lcm1haWQvYCAoY29waWVkIHRoZXJlIGJ5XG4gKiBgY29weU1lcm1haWRgKSBvbiBhIHBhZ2UncyBmaXJzdCBkaWFncmFtLiBCdW5kbGluZyBpdCBtYWRlIFJvbGx1cCBwYXJzZSBhbmQgbWluaWZ5XG4gKiBtZWdhYnl0ZXMgb2YgYWxyZWFkeSBtaW5pZmllZCBjb2RlIG9uIGV2ZXJ5IGJ1aWxkICgzMyAtPiAxNyBzLCBoYWxmIHRoZSBidWlsZCdzIENQVSxcbiAqIG9uIHR3byBjb3JlcyksIGFuZCBwdXQgTWVybWFpZCBpbiB0aGUgc2NyaXB0IGV2ZXJ5IHBhZ2UgbG9hZHMuIFRoZSBkZXYgc2VydmVyIGtlZXBzIGltcG9ydGluZ1xuICogdGhlIHByZWJ1aWx0IGZpbGUgZnJvbSBub2RlX21vZHVsZXMgKHRoZSBhbGlhcyBpbiBjb25maWcudHMsIHdob3NlIHRhcmdldCB0aGlzXG4gKiBwbHVnaW4gdGFrZXMgb3ZlciBpbiBhIGJ1aWxkKS5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHByZWJ1aWx0TWVybWFpZCgpOiBQbHVnaW4ge1xuICByZXR1cm4ge1xuICAgIG5hbWU6ICdjb3Vyc2UtcHJlYnVpbHQtbWVybWFpZCcsXG4gICAgYXBwbHk6ICdidWlsZCcsXG4gICAgZW5mb3JjZTogJ3ByZScsXG4gICAgcmVzb2x2ZUlkOiAoc291cmNlKSA9PiAoc291cmNlID09PSBQUkVCVUlMVCA/IExPQURFUiA6IG51bGwpLFxuICB9O1xufVxuXG4vKiogQ29waWVzIHRoZSBwcmVidWlsdCBidW5kbGUsIGl0cyBlbnRyeSBhbmQgaXRzIGNodW5rcywgd2l0aG91dCBzb3VyY2UgbWFwcywgdG8gd2hlcmUgdGhlIGxvYWRlciBpbXBvcnRzIGl0IGZyb20uICovXG5leHBvcnQgZnVuY3Rpb24gY29weU1lcm1haWQob3V0RGlyOiBzdHJpbmcpOiB2b2lkIHtcbiAgY29uc3QgY2h1bmtzID0gam9pbignY2h1bmtzJywgJ21lcm1haWQuZXNtLm1pbicpO1xuICBjcFN5bmMoam9pbihtZXJtYWlkRGlzdCwgRU5UUlkpLCBqb2luKG91dERpciwgJ21lcm1haWQnLCBFTlRSWSkpO1xuICBjcFN5bmMoam9pbihtZXJtYWlkRGlzdCwgY2h1bmtzKSwgam9pbihvdXREaXIsICdtZXJtYWlkJywgY2h1bmtzKSwgeyByZWN1cnNpdmU6IHRydWUsIGZpbHRlcjogKHNvdXJjZSkgPT4gIXNvdXJjZS5lbmRzV2l0aCgnLm1hcCcpIH0pO1xufVxuIiwgImNvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9kaXJuYW1lID0gXCIvd29yay9tYWluLy52aXRlcHJlc3NcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vLnZpdGVwcmVzcy9yZXBvLWxpbmtzLnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vLnZpdGVwcmVzcy9yZXBvLWxpbmtzLnRzXCI7aW1wb3J0IHsgZXhpc3RzU3luYywgc3RhdFN5bmMgfSBmcm9tICdub2RlOmZzJztcbmltcG9ydCB7IGRpcm5hbWUsIGpvaW4sIHJlbGF0aXZlLCByZXNvbHZlLCBzZXAgfSBmcm9tICdub2RlOnBhdGgnO1xuaW1wb3J0IHR5cGUgeyBNYXJrZG93blJlbmRlcmVyIH0gZnJvbSAndml0ZXByZXNzJztcblxuLyoqXG4gKiBMYWIgUkVBRE1FcyBhcmUgd3JpdHRlbiB0byBiZSByZWFkIG9uIEdpdEh1YiBhbmQgaW4gYW4gZWRpdG9yLCBzbyB0aGV5IGxpbmsgd2l0aFxuICogcGF0aHMgcmVsYXRpdmUgdG8gdGhlbXNlbHZlczogYC4uLy4uL2RvY3MvbGVzc29ucy8wMS1jYWNoZS1hc2lkZS5tZGAsIGAuL3NyYy9jYWNoZS50c2AuXG4gKiBUaGUgc2l0ZSBzaG93cyB0aGVtIHRocm91Z2ggYDwhLS1AaW5jbHVkZTogLi4vLi4vbGFicy9OTi9SRUFETUUubWQtLT5gLCB3aGVyZSB0aG9zZVxuICogcGF0aHMgd291bGQgcmVzb2x2ZSBhZ2FpbnN0IHRoZSBwYWdlIGluc3RlYWQuIFRoaXMgcnVsZSBmaW5kcyB3aGF0IGVhY2ggcmVsYXRpdmUgbGlua1xuICogcG9pbnRzIGF0IG9uIGRpc2sgKGZyb20gdGhlIHBhZ2UsIHRoZW4gZnJvbSBlYWNoIGluY2x1ZGVkIGZpbGUpIGFuZCByZXdyaXRlcyBpdDpcbiAqICAgLSBhIHBhZ2UgdW5kZXIgZG9jcy8gYmVjb21lcyBhIHNpdGUgbGluayAoYC9sZXNzb25zLzAxLWNhY2hlLWFzaWRlLm1kI3R0bGApLCB3aGljaFxuICogICAgIFZpdGVQcmVzcyB0aGVuIHR1cm5zIGludG8gYSBVUkwgYW5kIGNoZWNrcyBmb3IgZGVhZCBsaW5rcyBhcyB1c3VhbDtcbiAqICAgLSBhbnkgb3RoZXIgZmlsZSBpbiB0aGUgcmVwb3NpdG9yeSAoc3RhcnRlciBjb2RlLCBhIHNvbHV0aW9uKSBpcyBub3Qgb24gdGhlIHNpdGUsXG4gKiAgICAgc28gdGhlIGxpbmsgYmVjb21lcyBpdHMgdGV4dCBwbHVzIHRoZSBwYXRoLCB0byBvcGVuIGluIHRoZSBsZWFybmVyJ3MgY2xvbmUuXG4gKiBBIGxpbmsgd2hvc2UgdGFyZ2V0IGV4aXN0cyBub3doZXJlIGlzIGxlZnQgYWxvbmUgZm9yIFZpdGVQcmVzcyB0byByZXBvcnQuXG4gKi9cbmV4cG9ydCBmdW5jdGlvbiByZXBvTGlua3Moc3JjRGlyOiBzdHJpbmcsIHJlcG9Sb290OiBzdHJpbmcpIHtcbiAgcmV0dXJuIChtZDogTWFya2Rvd25SZW5kZXJlcikgPT4ge1xuICAgIG1kLmNvcmUucnVsZXIucHVzaCgnY291cnNlX3JlcG9fbGlua3MnLCAoc3RhdGUpID0+IHtcbiAgICAgIGNvbnN0IGVudiA9IHN0YXRlLmVudiBhcyB7IHBhdGg/OiBzdHJpbmc7IHJlYWxQYXRoPzogc3RyaW5nOyBpbmNsdWRlcz86IHN0cmluZ1tdIH07XG4gICAgICBjb25zdCBwYWdlID0gZW52LnJlYWxQYXRoID8/IGVudi5wYXRoO1xuICAgICAgaWYgKCFwYWdlKSByZXR1cm47XG4gICAgICBjb25zdCBiYXNlcyA9IFtkaXJuYW1lKHBhZ2UpLCAuLi4oZW52LmluY2x1ZGVzID8/IFtdKS5tYXAoKGZpbGUpID0+IGRpcm5hbWUoZmlsZSkpXTtcbiAgICAgIGZvciAoY29uc3QgYmxvY2sgb2Ygc3RhdGUudG9rZW5zKSB7XG4gICAgICAgIGZvciAoY29uc3QgdG9rZW4gb2YgYmxvY2suY2hpbGRyZW4gPz8gW10pIHtcbiAgICAgICAgICBpZiAodG9rZW4udHlwZSAhPT0gJ2xpbmtfb3BlbicpIGNvbnRpbnVlO1xuICAgICAgICAgIGNvbnN0IGhyZWYgPSB0b2tlbi5hdHRyR2V0KCdocmVmJyk7XG4gICAgICAgICAgaWYgKCFocmVmIHx8IC9eKFthLXpdW2EtelxcZCsuLV0qOnxcXC98IykvaS50ZXN0KGhyZWYpKSBjb250aW51ZTtcbiAgICAgICAgICBjb25zdCBbcGF0aCA9ICcnLCBoYXNoID0gJyddID0gc3BsaXRIYXNoKGhyZWYpO1xuICAgICAgICAgIGNvbnN0IHRhcmdldCA9IGJhc2VzXG4gICAgICAgICAgICAubWFwKChiYXNlKSA9PiByZXNvbHZlKGJhc2UsIGRlY29kZVVSSUNvbXBvbmVudChwYXRoKSkpXG4gICAgICAgICAgICAuZmluZCgoZmlsZSkgPT4gZXhpc3RzU3luYyhmaWxlKSAmJiAoIWlzSW5zaWRlKHNyY0RpciwgZmlsZSkgfHwgaXNQYWdlKGZpbGUpKSk7XG4gICAgICAgICAgaWYgKCF0YXJnZXQpIGNvbnRpbnVlO1xuICAgICAgICAgIGlmIChpc0luc2lkZShzcmNEaXIsIHRhcmdldCkpIHtcbiAgICAgICAgICAgIHRva2VuLmF0dHJTZXQoJ2hyZWYnLCBgLyR7cmVsYXRpdmUoc3JjRGlyLCB0YXJnZXQpLnNwbGl0KHNlcCkuam9pbignLycpfSR7aGFzaH1gKTtcbiAgICAgICAgICB9IGVsc2UgaWYgKGlzSW5zaWRlKHJlcG9Sb290LCB0YXJnZXQpKSB7XG4gICAgICAgICAgICBhc1JlcG9QYXRoKGJsb2NrLmNoaWxkcmVuID8/IFtdLCB0b2tlbiwgcmVsYXRpdmUocmVwb1Jvb3QsIHRhcmdldCkuc3BsaXQoc2VwKS5qb2luKCcvJykpO1xuICAgICAgICAgIH1cbiAgICAgICAgfVxuICAgICAgfVxuICAgIH0pO1xuICB9O1xufVxuXG50eXBlIFRva2VuID0gUmV0dXJuVHlwZTxNYXJrZG93blJlbmRlcmVyWydwYXJzZUlubGluZSddPltudW1iZXJdO1xuXG4vKiogU3dhcHMgdGhlIGxpbmsgZm9yIGl0cyB0ZXh0LCBmb2xsb3dlZCBieSB0aGUgcGF0aCB1bmxlc3MgdGhlIHRleHQgYWxyZWFkeSBzaG93cyBpdC4gKi9cbmZ1bmN0aW9uIGFzUmVwb1BhdGgodG9rZW5zOiBUb2tlbltdLCBvcGVuOiBUb2tlbiwgc2hvd246IHN0cmluZykge1xuICBjb25zdCBzdGFydCA9IHRva2Vucy5pbmRleE9mKG9wZW4pO1xuICBjb25zdCBlbmQgPSB0b2tlbnMuZmluZEluZGV4KCh0b2tlbiwgaSkgPT4gaSA+IHN0YXJ0ICYmIHRva2VuLnR5cGUgPT09ICdsaW5rX2Nsb3NlJyk7XG4gIGlmIChlbmQgPT09IC0xKSByZXR1cm47XG4gIGNvbnN0IHRleHQgPSB0b2tlbnMuc2xpY2Uoc3RhcnQgKyAxLCBlbmQpLm1hcCgodG9rZW4pID0+IHRva2VuLmNvbnRlbnQpLmpvaW4oJycpO1xuICBjb25zdCBuYW1lID0gc2hvd24uc3BsaXQoJy8nKS5wb3AoKSA/PyBzaG93bjtcbiAgb3Blbi50eXBlID0gJ2h0bWxfaW5saW5lJztcbiAgb3Blbi5jb250ZW50ID0gJzxzcGFuIGNsYXNzPVwicmVwby1wYXRoXCI+JztcbiAgY29uc3QgY2xvc2UgPSB0b2tlbnNbZW5kXTtcbiAgaWYgKCFjbG9zZSkgcmV0dXJuO1xuICBjbG9zZS50eXBlID0gJ2h0bWxfaW5saW5lJztcbiAgY2xvc2UuY29udGVudCA9IHRleHQuaW5jbHVkZXMobmFtZSkgJiYgdGV4dC5sZW5ndGggPj0gbmFtZS5sZW5ndGggPyAnPC9zcGFuPicgOiBgICg8Y29kZT4ke2VzY2FwZUh0bWwoc2hvd24pfTwvY29kZT4pPC9zcGFuPmA7XG59XG5cbmNvbnN0IGVzY2FwZUh0bWwgPSAodGV4dDogc3RyaW5nKSA9PiB0ZXh0LnJlcGxhY2UoL1smPD5cIl0vZywgKGMpID0+IGAmIyR7Yy5jaGFyQ29kZUF0KDApfTtgKTtcblxuLyoqIEluc2lkZSBkb2NzLywgYSBsaW5rIG11c3QgcmVhY2ggYSBmaWxlIG9yIGEgZm9sZGVyIHdpdGggYW4gaW5kZXggcGFnZSB0byBiZSBhIHBhZ2UuICovXG5mdW5jdGlvbiBpc1BhZ2UoZmlsZTogc3RyaW5nKTogYm9vbGVhbiB7XG4gIHJldHVybiBzdGF0U3luYyhmaWxlKS5pc0ZpbGUoKSB8fCBleGlzdHNTeW5jKGpvaW4oZmlsZSwgJ2luZGV4Lm1kJykpO1xufVxuXG5mdW5jdGlvbiBzcGxpdEhhc2goaHJlZjogc3RyaW5nKTogW3N0cmluZywgc3RyaW5nXSB7XG4gIGNvbnN0IGF0ID0gaHJlZi5zZWFyY2goL1s/I10vKTtcbiAgcmV0dXJuIGF0ID09PSAtMSA/IFtocmVmLCAnJ10gOiBbaHJlZi5zbGljZSgwLCBhdCksIGhyZWYuc2xpY2UoYXQpXTtcbn1cblxuZnVuY3Rpb24gaXNJbnNpZGUoZGlyOiBzdHJpbmcsIGZpbGU6IHN0cmluZyk6IGJvb2xlYW4ge1xuICBjb25zdCByZWwgPSByZWxhdGl2ZShkaXIsIGZpbGUpO1xuICByZXR1cm4gcmVsICE9PSAnJyAmJiAhcmVsLnN0YXJ0c1dpdGgoJy4uJykgJiYgIXJlbC5zdGFydHNXaXRoKHNlcCk7XG59XG4iLCAiY29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2Rpcm5hbWUgPSBcIi93b3JrL21haW4vLnZpdGVwcmVzc1wiO2NvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9maWxlbmFtZSA9IFwiL3dvcmsvbWFpbi8udml0ZXByZXNzL3NpZGViYXIudHNcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfaW1wb3J0X21ldGFfdXJsID0gXCJmaWxlOi8vL3dvcmsvbWFpbi8udml0ZXByZXNzL3NpZGViYXIudHNcIjtpbXBvcnQgeyBleGlzdHNTeW5jLCByZWFkZGlyU3luYywgcmVhZEZpbGVTeW5jIH0gZnJvbSAnbm9kZTpmcyc7XG5pbXBvcnQgeyBqb2luIH0gZnJvbSAnbm9kZTpwYXRoJztcbmltcG9ydCB7IHBhcnNlIH0gZnJvbSAneWFtbCc7XG5pbXBvcnQgdHlwZSB7IERlZmF1bHRUaGVtZSB9IGZyb20gJ3ZpdGVwcmVzcyc7XG5cbi8qKlxuICogVGhlIHNpZGViYXIgaXMgYnVpbHQgZnJvbSB0aGUgcGFnZXMnIG93biBmcm9udCBtYXR0ZXIsIHNvIGFkZGluZyBhIGxlc3NvbiBvciBhIGxhYiBpc1xuICogb25lIG5ldyBmaWxlIGFuZCBuZXZlciBhIGNvbmZpZyBlZGl0LiBGb2xkZXJzIG9yIHBhcnRzIHdpdGggbm90aGluZyBpbiB0aGVtIHlldCBhcmVcbiAqIHNpbXBseSBsZWZ0IG91dC5cbiAqL1xuXG5leHBvcnQgY29uc3QgUEFSVFMgPSBbJ0NvcmUgcGF0dGVybnMnLCAnUmVkaXMgaW4gcHJvZHVjdGlvbiddIGFzIGNvbnN0O1xuXG5leHBvcnQgaW50ZXJmYWNlIFBhZ2VFbnRyeSB7XG4gIC8qKiBgbGVzc29ucy8wNC1zdGFtcGVkZWAsIHRoZSBsaW5rIHdpdGhvdXQgZXh0ZW5zaW9uLiAqL1xuICBsaW5rOiBzdHJpbmc7XG4gIHRpdGxlOiBzdHJpbmc7XG4gIHBhcnQ/OiBzdHJpbmc7XG59XG5cbi8qKiBSZWFkcyBgTk4tbmFtZS5tZGAgZmlsZXMgb2Ygb25lIGRvY3MgZm9sZGVyLCBzb3J0ZWQgYnkgZmlsZSBuYW1lLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIHJlYWRQYWdlcyhkb2NzRGlyOiBzdHJpbmcsIGZvbGRlcjogc3RyaW5nKTogUGFnZUVudHJ5W10ge1xuICBjb25zdCBkaXIgPSBqb2luKGRvY3NEaXIsIGZvbGRlcik7XG4gIGlmICghZXhpc3RzU3luYyhkaXIpKSByZXR1cm4gW107XG4gIHJldHVybiByZWFkZGlyU3luYyhkaXIpXG4gICAgLmZpbHRlcigobmFtZSkgPT4gL15cXGR7Mn0tLitcXC5tZCQvLnRlc3QobmFtZSkpXG4gICAgLnNvcnQoKVxuICAgIC5tYXAoKG5hbWUpID0+IHtcbiAgICAgIGNvbnN0IG1ldGEgPSBmcm9udE1hdHRlcihyZWFkRmlsZVN5bmMoam9pbihkaXIsIG5hbWUpLCAndXRmOCcpKTtcbiAgICAgIGNvbnN0IHNsdWcgPSBuYW1lLnNsaWNlKDAsIC0zKTtcbiAgICAgIGNvbnN0IHRpdGxlID0gdHlwZW9mIG1ldGEudGl0bGUgPT09ICdzdHJpbmcnID8gbWV0YS50aXRsZSA6IHNsdWc7XG4gICAgICByZXR1cm4geyBsaW5rOiBgLyR7Zm9sZGVyfS8ke3NsdWd9YCwgdGl0bGUsIC4uLih0eXBlb2YgbWV0YS5wYXJ0ID09PSAnc3RyaW5nJyA/IHsgcGFydDogbWV0YS5wYXJ0IH0gOiB7fSkgfTtcbiAgICB9KTtcbn1cblxuZnVuY3Rpb24gZnJvbnRNYXR0ZXIoc291cmNlOiBzdHJpbmcpOiBSZWNvcmQ8c3RyaW5nLCB1bmtub3duPiB7XG4gIGNvbnN0IG1hdGNoID0gL14tLS1cXHI/XFxuKFtcXHNcXFNdKj8pXFxyP1xcbi0tLS8uZXhlYyhzb3VyY2UpO1xuICBpZiAoIW1hdGNoPy5bMV0pIHJldHVybiB7fTtcbiAgdHJ5IHtcbiAgICBjb25zdCBkYXRhOiB1bmtub3duID0gcGFyc2UobWF0Y2hbMV0pO1xuICAgIHJldHVybiBkYXRhICYmIHR5cGVvZiBkYXRhID09PSAnb2JqZWN0JyA/IChkYXRhIGFzIFJlY29yZDxzdHJpbmcsIHVua25vd24+KSA6IHt9O1xuICB9IGNhdGNoIHtcbiAgICByZXR1cm4ge307IC8vIFZpdGVQcmVzcyBpdHNlbGYgcmVwb3J0cyBicm9rZW4gZnJvbnQgbWF0dGVyIHdoZW4gaXQgYnVpbGRzIHRoZSBwYWdlXG4gIH1cbn1cblxuLyoqIFwiMDQgXHUwMEI3IENhY2hlIHN0YW1wZWRlc1wiOiB0aGUgbnVtYmVyIGtlZXBzIHRoZSBvcmRlciB2aXNpYmxlLCB1bmxlc3MgdGhlIHRpdGxlIGhhcyBpdC4gKi9cbmNvbnN0IGl0ZW0gPSAocGFnZTogUGFnZUVudHJ5KTogRGVmYXVsdFRoZW1lLlNpZGViYXJJdGVtID0+IHtcbiAgY29uc3QgbnVtYmVyID0gcGFnZS5saW5rLnNwbGl0KCcvJykucG9wKCk/LnNsaWNlKDAsIDIpID8/ICcnO1xuICBjb25zdCBudW1iZXJlZCA9IG5ldyBSZWdFeHAoYF4oPzpbQS1aYS16XSsgKT8wPyR7TnVtYmVyKG51bWJlcil9XFxcXGJgKS50ZXN0KHBhZ2UudGl0bGUpO1xuICByZXR1cm4geyB0ZXh0OiBudW1iZXJlZCA/IHBhZ2UudGl0bGUgOiBgJHtudW1iZXJ9IFx1MDBCNyAke3BhZ2UudGl0bGV9YCwgbGluazogcGFnZS5saW5rIH07XG59O1xuXG5leHBvcnQgZnVuY3Rpb24gYnVpbGRTaWRlYmFyKGRvY3NEaXI6IHN0cmluZyk6IERlZmF1bHRUaGVtZS5TaWRlYmFySXRlbVtdIHtcbiAgY29uc3QgbGVzc29ucyA9IHJlYWRQYWdlcyhkb2NzRGlyLCAnbGVzc29ucycpO1xuICBjb25zdCBsYWJzID0gcmVhZFBhZ2VzKGRvY3NEaXIsICdsYWJzJyk7XG4gIC8vIExlc3NvbnMgd2hvc2UgcGFydCBpcyBtaXNzaW5nIG9yIG1pc3NwZWxsZWQgc3RpbGwgc2hvdyB1cCwgaW4gYSBncm91cCBvZiB0aGVpciBvd24uXG4gIGNvbnN0IGtub3duID0gbmV3IFNldDxzdHJpbmc+KFBBUlRTKTtcbiAgY29uc3QgZ3JvdXBzOiBEZWZhdWx0VGhlbWUuU2lkZWJhckl0ZW1bXSA9IFBBUlRTLm1hcCgocGFydCkgPT4gKHtcbiAgICB0ZXh0OiBwYXJ0LFxuICAgIGNvbGxhcHNlZDogZmFsc2UsXG4gICAgaXRlbXM6IGxlc3NvbnMuZmlsdGVyKChwYWdlKSA9PiBwYWdlLnBhcnQgPT09IHBhcnQpLm1hcChpdGVtKSxcbiAgfSkpO1xuICBncm91cHMucHVzaCh7IHRleHQ6ICdNb3JlIGxlc3NvbnMnLCBjb2xsYXBzZWQ6IGZhbHNlLCBpdGVtczogbGVzc29ucy5maWx0ZXIoKHApID0+ICFrbm93bi5oYXMocC5wYXJ0ID8/ICcnKSkubWFwKGl0ZW0pIH0pO1xuICBncm91cHMucHVzaCh7IHRleHQ6ICdMYWJzJywgY29sbGFwc2VkOiBmYWxzZSwgaXRlbXM6IGxhYnMubWFwKGl0ZW0pIH0pO1xuICBncm91cHMucHVzaCh7XG4gICAgdGV4dDogJ1ByYWN0aWNlJyxcbiAgICBpdGVtczogW1xuICAgICAgeyB0ZXh0OiAnSW50ZXJ2aWV3IHF1ZXN0aW9ucycsIGxpbms6ICcvaW50ZXJ2aWV3JyB9LFxuICAgICAgeyB0ZXh0OiAnTW9jayBpbnRlcnZpZXcnLCBsaW5rOiAnL3ByYWN0aWNlL21vY2staW50ZXJ2aWV3JyB9LFxuICAgICAgeyB0ZXh0OiAnUmV2aWV3IHdoYXQgaXMgZHVlJywgbGluazogJy9wcmFjdGljZS9yZXZpZXcnIH0sXG4gICAgICB7IHRleHQ6ICdXaGF0IGNhY2hpbmcgYnV5cyAobWVhc3VyZWQpJywgbGluazogJy9iZW5jaCcgfSxcbiAgICBdLFxuICB9KTtcbiAgcmV0dXJuIGdyb3Vwcy5maWx0ZXIoKGdyb3VwKSA9PiAoZ3JvdXAuaXRlbXM/Lmxlbmd0aCA/PyAwKSA+IDApO1xufVxuXG4vKiogRmlyc3QgbGVzc29uIGFuZCBmaXJzdCBsYWIsIGZvciB0aGUgbmF2IGJhcjsgbnVsbCB3aGlsZSBub25lIGV4aXN0cy4gKi9cbmV4cG9ydCBmdW5jdGlvbiBmaXJzdExpbmtzKGRvY3NEaXI6IHN0cmluZykge1xuICByZXR1cm4ge1xuICAgIGxlc3NvbjogcmVhZFBhZ2VzKGRvY3NEaXIsICdsZXNzb25zJylbMF0/LmxpbmsgPz8gbnVsbCxcbiAgICBsYWI6IHJlYWRQYWdlcyhkb2NzRGlyLCAnbGFicycpWzBdPy5saW5rID8/IG51bGwsXG4gIH07XG59XG4iXSwKICAibWFwcGluZ3MiOiAiO0FBQXVPLFNBQVMsaUJBQUFBLHNCQUFxQjtBQUVyUSxTQUFTLG9CQUFvQjtBQUM3QixTQUFTLG1CQUFtQjs7O0FDSDZNLFNBQVMsa0JBQWtCO0FBQ3BRLFNBQVMsU0FBUyxnQkFBZ0I7QUFDbEMsU0FBUyxVQUFVLE1BQU0sZ0JBQWdCO0FBQ3pDLFNBQVMscUJBQXFCO0FBQzlCLFNBQVMscUJBQXFCOzs7QUNKK00sU0FBUyxTQUFTO0FBUS9QLElBQU0sUUFBUTtBQUNQLElBQU0sY0FBYztBQU1wQixJQUFNLHFCQUFxQixvQkFBSSxJQUFJO0FBQUEsRUFDeEM7QUFBQSxFQUFPO0FBQUEsRUFBZ0I7QUFBQSxFQUFVO0FBQUEsRUFBVTtBQUFBLEVBQVc7QUFBQSxFQUFVO0FBQUEsRUFBUztBQUFBLEVBQ3pFO0FBQUEsRUFBWTtBQUFBLEVBQVc7QUFBQSxFQUFZO0FBQUEsRUFBUTtBQUFBLEVBQVc7QUFBQSxFQUFVO0FBQUEsRUFBVztBQUFBLEVBQzNFO0FBQUEsRUFBYztBQUFBLEVBQVM7QUFBQSxFQUFhO0FBQUEsRUFBUTtBQUFBLEVBQVU7QUFBQSxFQUFVO0FBQUEsRUFBWTtBQUFBLEVBQzVFO0FBQUEsRUFBYztBQUFBLEVBQWE7QUFBQSxFQUFVO0FBQ3ZDLENBQUM7QUFFRCxJQUFNLE9BQU8sQ0FBQyxTQUNaLEVBQUUsT0FBTyxFQUFFLE9BQU8sR0FBRyxJQUFJLGdCQUFnQixDQUFDLEVBQUUsS0FBSyxFQUFFLElBQUksR0FBRyxHQUFHLElBQUksb0JBQW9CO0FBR3ZGLElBQU0sU0FBUyxDQUFDLFVBQWtCO0FBQUEsRUFDaEMsT0FBTyxDQUFDLFVBQThCLE1BQU0sU0FBUyxpQkFBaUIsT0FBTztBQUMvRTtBQUVBLElBQU0sY0FBYyxFQUFFLE1BQU0sQ0FBQyxFQUFFLE9BQU8sR0FBRyxFQUFFLE9BQU8sQ0FBQyxDQUFDO0FBRXBELElBQU0sVUFBVSxFQUNiLE1BQU0sYUFBYSxFQUFFLE9BQU8sMkRBQTJELENBQUMsRUFDeEYsSUFBSSxHQUFHLG1DQUFtQyxFQUMxQyxPQUFPLENBQUMsU0FBUyxDQUFDLG1CQUFtQixJQUFJLE9BQU8sS0FBSyxDQUFDLENBQUMsRUFBRSxZQUFZLENBQUMsR0FBRztBQUFBLEVBQ3hFLFNBQVMsc0NBQXNDLENBQUMsR0FBRyxrQkFBa0IsRUFBRSxLQUFLLElBQUksQ0FBQztBQUNuRixDQUFDO0FBR0ksSUFBTSxjQUFjLEVBQUUsTUFBTTtBQUFBLEVBQ2pDLEVBQUUsYUFBYSxFQUFFLFNBQVMsRUFBRSxNQUFNLENBQUMsRUFBRSxPQUFPLEdBQUcsRUFBRSxPQUFPLENBQUMsQ0FBQyxFQUFFLENBQUM7QUFBQSxFQUM3RCxFQUFFLGFBQWEsRUFBRSxPQUFPLEtBQUssY0FBYyxFQUFFLENBQUM7QUFBQSxFQUM5QyxFQUFFLEtBQUs7QUFBQSxFQUNQLEVBQUUsT0FBTztBQUFBLEVBQ1QsRUFBRSxPQUFPO0FBQUEsRUFDVCxFQUFFLE1BQU0sRUFBRSxLQUFLLENBQUM7QUFDbEIsQ0FBQztBQUVNLElBQU0sY0FBYyxFQUFFO0FBQUEsRUFDM0I7QUFBQSxJQUNFLE1BQU0sS0FBSyxNQUFNO0FBQUEsSUFDakIsS0FBSyxFQUFFLE1BQU0sT0FBTyxFQUFFLElBQUksR0FBRyxnQ0FBZ0M7QUFBQTtBQUFBLElBRTdELFFBQVE7QUFBQSxFQUNWO0FBQUEsRUFDQSxPQUFPLHdEQUF3RDtBQUNqRTtBQUVBLElBQU0sZUFBZSxFQUFFO0FBQUEsRUFDckIsRUFBRSxNQUFNLEtBQUssTUFBTSxHQUFHLFNBQVMsRUFBRSxRQUFRLEVBQUUsU0FBUyxHQUFHLEtBQUssS0FBSyxLQUFLLEVBQUU7QUFBQSxFQUN4RSxPQUFPLHVFQUF1RTtBQUNoRjtBQUVBLElBQU0sU0FBUztBQUFBLEVBQ2IsSUFBSSxFQUFFLE9BQU8sRUFBRSxPQUFPLGtCQUFrQixDQUFDLEVBQUUsTUFBTSxPQUFPLDhDQUE4QztBQUFBLEVBQ3RHLFFBQVEsS0FBSyxRQUFRO0FBQUEsRUFDckIsV0FBVyxFQUFFLFFBQVEsRUFBRSxTQUFTO0FBQUEsRUFDaEMsUUFBUSxFQUFFLE1BQU0sV0FBVyxFQUFFLFNBQVM7QUFDeEM7QUFFTyxJQUFNLHVCQUF1QixFQUFFLGFBQWE7QUFBQSxFQUNqRCxHQUFHO0FBQUEsRUFDSCxNQUFNLEVBQUUsUUFBUSxRQUFRO0FBQUEsRUFDeEIsU0FBUyxFQUFFLE1BQU0sWUFBWSxFQUFFLElBQUksR0FBRyw0Q0FBNEM7QUFDcEYsQ0FBQztBQUVNLElBQU0scUJBQXFCLEVBQUUsYUFBYTtBQUFBLEVBQy9DLEdBQUc7QUFBQSxFQUNILE1BQU0sRUFBRSxRQUFRLE1BQU07QUFBQSxFQUN0QixRQUFRLEtBQUssUUFBUTtBQUFBO0FBQUEsRUFFckIsUUFBUSxFQUFFLFFBQVEsRUFBRSxTQUFTO0FBQy9CLENBQUM7QUFFTSxJQUFNLGlCQUFpQixFQUFFLG1CQUFtQixRQUFRLENBQUMsc0JBQXNCLGtCQUFrQixHQUFHO0FBQUEsRUFDckcsT0FBTztBQUNULENBQUM7QUFFTSxJQUFNLGFBQWEsRUFDdkI7QUFBQSxFQUNDO0FBQUEsSUFDRSxRQUFRLEVBQUUsT0FBTyxFQUFFLE9BQU8sc0JBQXNCLENBQUMsRUFBRSxNQUFNLGFBQWEsbUNBQW1DO0FBQUEsSUFDekcsT0FBTyxLQUFLLE9BQU87QUFBQSxJQUNuQixXQUFXLEVBQUUsTUFBTSxjQUFjLEVBQUUsSUFBSSxHQUFHLG9DQUFvQztBQUFBLEVBQ2hGO0FBQUEsRUFDQSxPQUFPLDZEQUE2RDtBQUN0RSxFQUNDO0FBQUEsRUFDQyxDQUFDLE1BQU0sUUFBUTtBQUdiLFVBQU0sTUFBTyxRQUFRLENBQUM7QUFDdEIsVUFBTSxZQUF1QixNQUFNLFFBQVEsSUFBSSxTQUFTLElBQUksSUFBSSxZQUFZLENBQUM7QUFDN0UsVUFBTSxPQUFPLG9CQUFJLElBQVk7QUFDN0IsY0FBVSxRQUFRLENBQUNDLE9BQU0sVUFBVTtBQUNqQyxZQUFNLFdBQVlBLFNBQVEsQ0FBQztBQUMzQixVQUFJLE9BQU8sU0FBUyxPQUFPLFVBQVU7QUFDbkMsWUFBSSxLQUFLLElBQUksU0FBUyxFQUFFLEdBQUc7QUFDekIsY0FBSSxTQUFTLEVBQUUsTUFBTSxVQUFVLE1BQU0sQ0FBQyxhQUFhLE9BQU8sSUFBSSxHQUFHLFNBQVMsT0FBTyxTQUFTLEVBQUUsa0JBQWtCLENBQUM7QUFBQSxRQUNqSDtBQUNBLGFBQUssSUFBSSxTQUFTLEVBQUU7QUFBQSxNQUN0QjtBQUNBLFlBQU0sVUFBcUIsTUFBTSxRQUFRLFNBQVMsT0FBTyxJQUFJLFNBQVMsVUFBVSxDQUFDO0FBQ2pGLFlBQU0sYUFBYSxRQUFRLEtBQUssQ0FBQyxXQUFZLFFBQXlDLFlBQVksSUFBSTtBQUN0RyxVQUFJLFNBQVMsU0FBUyxZQUFZLENBQUMsWUFBWTtBQUM3QyxZQUFJLFNBQVMsRUFBRSxNQUFNLFVBQVUsTUFBTSxDQUFDLGFBQWEsT0FBTyxTQUFTLEdBQUcsU0FBUyw4QkFBOEIsQ0FBQztBQUFBLE1BQ2hIO0FBQUEsSUFDRixDQUFDO0FBQUEsRUFDSDtBQUFBLEVBQ0EsRUFBRSxNQUFNLE1BQU0sS0FBSztBQUNyQjs7O0FEekg2SSxJQUFNLDJDQUEyQztBQVF6TCxJQUFNLFlBQVksY0FBYyxJQUFJLElBQUksVUFBVSx3Q0FBZSxDQUFDO0FBMEJ6RSxlQUFzQixZQUFZLFVBQXVCLENBQUMsR0FBMkI7QUFDbkYsUUFBTSxPQUFPLFFBQVEsUUFBUTtBQUM3QixRQUFNLFVBQVUsUUFBUSxXQUFXLEtBQUssTUFBTSxTQUFTO0FBQ3ZELFFBQU0sWUFBWSxRQUFRLGFBQWEsS0FBSyxNQUFNLFFBQVEsU0FBUztBQUNuRSxRQUFNLFFBQVEsV0FBVyxPQUFPLEtBQUssTUFBTSxRQUFRLE9BQU8sR0FBRyxLQUFLLElBQUksQ0FBQztBQUN2RSxRQUFNLFNBQXdCLEVBQUUsU0FBUyxDQUFDLEdBQUcsVUFBVSxDQUFDLEVBQUU7QUFDMUQsYUFBVyxRQUFRLE9BQU87QUFDeEIsVUFBTSxPQUFPLEtBQUssU0FBUyxJQUFJO0FBQy9CLFVBQU0sT0FBTyxTQUFTLE1BQU0sSUFBSTtBQUNoQyxRQUFJLEtBQUssU0FBUyxNQUFNLEdBQUc7QUFDekIsYUFBTyxTQUFTLEtBQUssRUFBRSxNQUFNLE1BQU0sV0FBVyxNQUFNLEdBQUcsSUFBSSxrQkFBa0IsS0FBSyxNQUFNLEdBQUcsRUFBRSxDQUFDLFFBQVEsQ0FBQztBQUN2RztBQUFBLElBQ0Y7QUFDQSxRQUFJLENBQUMsS0FBSyxTQUFTLE9BQU8sRUFBRztBQUM3QixVQUFNLFNBQVMsZ0JBQWdCLE1BQU0sTUFBTSxTQUFTLE1BQU0sTUFBTSxDQUFDO0FBQ2pFLFdBQU8sU0FBUyxLQUFLLEdBQUcsT0FBTyxRQUFRO0FBQ3ZDLFFBQUksQ0FBQyxPQUFPLEtBQU07QUFDbEIsVUFBTSxhQUFhLEtBQUssV0FBVyxHQUFHLE9BQU8sS0FBSyxNQUFNLEtBQUs7QUFDN0QsUUFBSSxDQUFDLFdBQVcsVUFBVSxHQUFHO0FBQzNCLGFBQU8sU0FBUyxLQUFLO0FBQUEsUUFDbkI7QUFBQSxRQUNBLE1BQU07QUFBQSxRQUNOLE1BQU0sR0FBRyxJQUFJLGFBQWEsU0FBUyxNQUFNLFVBQVUsQ0FBQztBQUFBLE1BQ3RELENBQUM7QUFBQSxJQUNIO0FBQ0EsV0FBTyxRQUFRLEtBQUssT0FBTyxJQUFJO0FBQUEsRUFDakM7QUFDQSxTQUFPO0FBQ1Q7QUFHTyxTQUFTLGdCQUFnQixNQUFjLFFBQWdFO0FBQzVHLFFBQU0sVUFBVSxDQUFDLFVBQStCLEVBQUUsTUFBTSxNQUFNLFdBQVcsTUFBTSxHQUFHLElBQUksS0FBSyxJQUFJLEdBQUc7QUFDbEcsUUFBTSxNQUFNLGNBQWMsTUFBTTtBQUNoQyxRQUFNLFlBQVksSUFBSSxPQUFPLENBQUM7QUFDOUIsTUFBSSxXQUFXO0FBRWIsVUFBTUMsU0FBUSxVQUFVLFFBQVEsTUFBTSxJQUFJLEVBQUUsQ0FBQyxHQUFHLFFBQVEsTUFBTSxFQUFFLEtBQUs7QUFDckUsV0FBTyxFQUFFLFVBQVUsQ0FBQyxRQUFRLG1CQUFtQkEsTUFBSyxFQUFFLENBQUMsRUFBRTtBQUFBLEVBQzNEO0FBQ0EsUUFBTSxNQUFlLElBQUksS0FBSztBQUM5QixRQUFNLFVBQVUsV0FBVyxVQUFVLEdBQUc7QUFDeEMsTUFBSSxDQUFDLFFBQVEsU0FBUztBQUNwQixXQUFPLEVBQUUsVUFBVSxRQUFRLE1BQU0sT0FBTyxJQUFJLENBQUMsVUFBVSxRQUFRLGNBQWMsS0FBSyxLQUFLLENBQUMsQ0FBQyxFQUFFO0FBQUEsRUFDN0Y7QUFDQSxRQUFNLFdBQVcsU0FBUyxJQUFJLEVBQUUsUUFBUSxXQUFXLEVBQUU7QUFDckQsTUFBSSxDQUFDLFlBQVksS0FBSyxRQUFRLEdBQUc7QUFDL0IsV0FBTyxFQUFFLFVBQVUsQ0FBQyxRQUFRLDJEQUEyRCxDQUFDLEVBQUU7QUFBQSxFQUM1RjtBQUNBLE1BQUksUUFBUSxLQUFLLFdBQVcsVUFBVTtBQUNwQyxXQUFPLEVBQUUsVUFBVSxDQUFDLFFBQVEsWUFBWSxRQUFRLEtBQUssTUFBTSwrQkFBK0IsUUFBUSxHQUFHLENBQUMsRUFBRTtBQUFBLEVBQzFHO0FBQ0EsU0FBTyxFQUFFLE1BQU0sRUFBRSxHQUFHLFFBQVEsTUFBTSxLQUFLLEdBQUcsVUFBVSxDQUFDLEVBQUU7QUFDekQ7QUFHQSxTQUFTLGNBQWMsS0FBYyxPQUFpQztBQUNwRSxRQUFNLE9BQU8sQ0FBQyxHQUFHLE1BQU0sSUFBSTtBQUMzQixNQUFJLFFBQVE7QUFDWixNQUFJLEtBQUssQ0FBQyxNQUFNLGVBQWUsT0FBTyxLQUFLLENBQUMsTUFBTSxVQUFVO0FBQzFELFVBQU0sUUFBUSxLQUFLLENBQUM7QUFDcEIsVUFBTSxLQUFLLFFBQVEsS0FBSyxDQUFDLGFBQWEsT0FBTyxJQUFJLENBQUM7QUFDbEQsWUFBUSxPQUFPLE9BQU8sV0FBVyxhQUFhLEVBQUUsTUFBTSxhQUFhLFFBQVEsQ0FBQztBQUM1RSxTQUFLLE9BQU8sR0FBRyxDQUFDO0FBQUEsRUFDbEI7QUFDQSxRQUFNLFFBQVEsS0FBSztBQUFBLElBQ2pCLENBQUNDLE9BQU0sU0FBVSxPQUFPLFNBQVMsV0FBVyxHQUFHQSxLQUFJLElBQUksSUFBSSxNQUFNQSxRQUFPLEdBQUdBLEtBQUksSUFBSSxPQUFPLElBQUksQ0FBQyxLQUFLLE9BQU8sSUFBSTtBQUFBLElBQy9HO0FBQUEsRUFDRjtBQUNBLFFBQU0sVUFBVSxNQUFNLFNBQVMsa0JBQWtCLFFBQVEsS0FBSyxNQUFNLElBQUksTUFBTTtBQUM5RSxRQUFNLFVBQVUsVUFBVSxlQUFlLE1BQU07QUFDL0MsU0FBTyxDQUFDLE9BQU8sT0FBTyxPQUFPLEVBQUUsT0FBTyxPQUFPLEVBQUUsS0FBSyxJQUFJO0FBQzFEO0FBRUEsU0FBUyxRQUFRLEtBQWMsTUFBdUM7QUFDcEUsTUFBSSxRQUFRO0FBQ1osYUFBVyxRQUFRLE1BQU07QUFDdkIsUUFBSSxVQUFVLFFBQVEsT0FBTyxVQUFVLFNBQVUsUUFBTztBQUN4RCxZQUFTLE1BQXVDLElBQUk7QUFBQSxFQUN0RDtBQUNBLFNBQU87QUFDVDs7O0FFbkhpUCxTQUFTLFlBQUFDLFdBQVUsWUFBQUMsV0FBVSxXQUFXO0FBYWxSLFNBQVMsV0FBV0MsV0FBa0I7QUFDM0MsU0FBTyxDQUFDLE9BQXlCO0FBQy9CLFVBQU0sUUFBUSxHQUFHLFNBQVMsTUFBTTtBQUNoQyxPQUFHLFNBQVMsTUFBTSxRQUFRLENBQUMsUUFBUSxLQUFLLFNBQVMsS0FBSyxTQUFTO0FBQzdELFlBQU0sUUFBUSxPQUFPLEdBQUc7QUFDeEIsWUFBTSxRQUFRLFFBQVEsT0FBT0EsU0FBUTtBQUNyQyxZQUFNLE9BQU8sTUFBTSxRQUFRLEtBQUssU0FBUyxLQUFLLElBQUk7QUFDbEQsVUFBSSxDQUFDLFNBQVMsWUFBWSxRQUFRLEdBQUcsRUFBRyxRQUFPO0FBQy9DLGFBQU8saUNBQWlDLEdBQUcsTUFBTSxXQUFXLEtBQUssQ0FBQyxnQkFBZ0IsSUFBSTtBQUFBLElBQ3hGO0FBQUEsRUFDRjtBQUNGO0FBRUEsU0FBUyxRQUFRLE9BQWNBLFdBQXNDO0FBQ25FLFFBQU0sUUFBUSxNQUFNLEtBQUssTUFBTSxVQUFVLElBQUksQ0FBQyxHQUFHLEtBQUs7QUFDdEQsTUFBSSxDQUFDLE1BQU8sUUFBTztBQUVuQixRQUFNLE1BQU8sTUFBNEI7QUFDekMsUUFBTSxPQUFPLE1BQU0sUUFBUSxHQUFHLEtBQUssT0FBTyxJQUFJLENBQUMsTUFBTSxXQUFXLElBQUksQ0FBQyxJQUFJO0FBQ3pFLE1BQUksUUFBUSxVQUFVQyxVQUFTLElBQUksRUFBRyxRQUFPQyxVQUFTRixXQUFVLElBQUksRUFBRSxNQUFNLEdBQUcsRUFBRSxLQUFLLEdBQUc7QUFDekYsU0FBTztBQUNUO0FBR0EsU0FBUyxZQUFZLFFBQWlCLEtBQXNCO0FBQzFELFdBQVMsSUFBSSxNQUFNLEdBQUcsS0FBSyxHQUFHLEtBQUssR0FBRztBQUNwQyxVQUFNLE9BQU8sT0FBTyxDQUFDLEVBQUc7QUFDeEIsUUFBSSxTQUFTLDZCQUE4QixRQUFPO0FBQ2xELFFBQUksU0FBUyw0QkFBNkIsUUFBTztBQUFBLEVBQ25EO0FBQ0EsU0FBTztBQUNUOzs7QUNyQ08sU0FBUyxrQkFDZCxTQUNBLFlBQXlDLE1BQU0sTUFDVjtBQUNyQyxRQUFNLFFBQWtCLENBQUM7QUFDekIsTUFBSSxRQUFRO0FBQ1osUUFBTSxVQUFVLENBQUMsR0FBRyxPQUFPLEVBQUUsS0FBSyxDQUFDLEdBQUcsTUFBTSxFQUFFLE9BQU8sY0FBYyxFQUFFLE1BQU0sQ0FBQztBQUM1RSxRQUFNLFVBQVUsUUFBUSxRQUFRLENBQUMsU0FBUyxLQUFLLFVBQVUsT0FBTyxRQUFRLEVBQUUsSUFBSSxDQUFDLGNBQWMsRUFBRSxNQUFNLFNBQVMsRUFBRSxDQUFDO0FBQ2pILE1BQUksUUFBUSxTQUFTLEdBQUc7QUFDdEIsVUFBTSxLQUFLLDJCQUEyQjtBQUN0QyxVQUFNLEtBQUssd0hBQXdIO0FBQ25JLGVBQVcsRUFBRSxNQUFNLFNBQVMsS0FBSyxTQUFTO0FBQ3hDLGVBQVM7QUFDVCxZQUFNLEtBQUssR0FBRyxpQkFBaUIsS0FBSyxRQUFRLFFBQVEsQ0FBQztBQUFBLElBQ3ZEO0FBQUEsRUFDRjtBQUNBLGFBQVcsUUFBUSxTQUFTO0FBQzFCLFVBQU0sU0FBUyxLQUFLLFVBQVUsT0FBTyxDQUFDLGFBQWEsQ0FBQyxTQUFTLFFBQVEsTUFBTSxTQUFTLGNBQWMsUUFBUSxTQUFTLFNBQVMsT0FBTztBQUNuSSxRQUFJLE9BQU8sV0FBVyxFQUFHO0FBQ3pCLFVBQU0sS0FBSyxNQUFNLEtBQUssT0FBTyxNQUFNLEdBQUcsQ0FBQyxDQUFDLFNBQU0sS0FBSyxLQUFLLE1BQU0sS0FBSyxNQUFNLEdBQUc7QUFDNUUsUUFBSSxVQUFVLEtBQUssTUFBTSxHQUFHO0FBQzFCLFlBQU0sS0FBSyxvQkFBb0IsS0FBSyxLQUFLLGNBQWMsS0FBSyxNQUFNLHNEQUFzRDtBQUFBLElBQzFIO0FBQ0EsZUFBVyxZQUFZLFFBQVE7QUFDN0IsZUFBUztBQUNULFlBQU0sS0FBSyxHQUFHLGlCQUFpQixLQUFLLFFBQVEsUUFBUSxDQUFDO0FBQUEsSUFDdkQ7QUFBQSxFQUNGO0FBQ0EsTUFBSSxVQUFVLEVBQUcsT0FBTSxLQUFLLHdGQUF3RjtBQUNwSCxTQUFPLEVBQUUsVUFBVSxNQUFNLEtBQUssTUFBTSxHQUFHLE1BQU07QUFDL0M7QUFFQSxJQUFNLFdBQVcsQ0FBQyxhQUF1QixTQUFTLFNBQVMsVUFBVSxTQUFTLFdBQVc7QUFFekYsU0FBUyxpQkFBaUIsUUFBZ0IsVUFBOEI7QUFDdEUsUUFBTSxTQUFTLFNBQVMsT0FBTyxLQUFLO0FBQ3BDLFFBQU0sVUFBVSxDQUFDLE9BQU8sU0FBUyxJQUFJO0FBQ3JDLFFBQU0sVUFBVSxVQUFVLFNBQVMsR0FBRyxTQUFTLEdBQUcsV0FBVyxLQUFLLEdBQUcsQ0FBQztBQUN0RSxRQUFNLE1BQU0sQ0FBQyxPQUFPLE9BQU8sTUFBTSxNQUFNLElBQUksU0FBUyxFQUFFLEdBQUc7QUFDekQsTUFBSSxDQUFDLFFBQVMsS0FBSSxLQUFLLE1BQU07QUFHN0IsTUFBSSxTQUFTLFVBQVcsS0FBSSxLQUFLLDRDQUE0QztBQUU3RSxNQUFJLFNBQVMsU0FBUyxRQUFRO0FBQzVCLFFBQUksS0FBSztBQUFBO0FBQUEsRUFBd0MsU0FBUyxPQUFPLEtBQUssQ0FBQztBQUFBO0FBQUEsSUFBUztBQUFBLEVBQ2xGLE9BQU87QUFDTCxVQUFNLFFBQVEsU0FBUyxRQUFRLE9BQU8sQ0FBQyxXQUFXLE9BQU8sT0FBTztBQUNoRSxVQUFNLFFBQVEsTUFBTSxJQUFJLENBQUMsV0FBVyxLQUFLLE9BQU8sS0FBSyxLQUFLLENBQUM7QUFBQTtBQUFBLEVBQU8sT0FBTyxJQUFJLEtBQUssRUFBRSxRQUFRLE9BQU8sSUFBSSxDQUFDLEVBQUU7QUFDMUcsUUFBSSxLQUFLO0FBQUE7QUFBQSxFQUFrQyxNQUFNLEtBQUssTUFBTSxDQUFDO0FBQUE7QUFBQSxJQUFTO0FBQUEsRUFDeEU7QUFDQSxTQUFPO0FBQ1Q7OztBQzNEMlAsU0FBUyxRQUFBRyxhQUFZOzs7QUNBOUMsU0FBUyxjQUFBQyxhQUFZLGdCQUFBQyxxQkFBb0I7QUFDM1EsU0FBUyxRQUFBQyxhQUFZO0FBQ3JCLFNBQVMsYUFBYTtBQUN0QixTQUFTLEtBQUFDLFVBQVM7OztBQ0h3TSxTQUFTLGFBQWEsb0JBQW9CO0FBQ3BRLFNBQVMsUUFBQUMsYUFBWTtBQUNyQixTQUFTLGlCQUFBQyxzQkFBcUI7OztBQ0V2QixJQUFNLGNBQU4sY0FBMEIsTUFBTTtBQUFBLEVBQ3JDLFlBQ1csTUFDVCxTQUNBO0FBQ0EsVUFBTSxPQUFPO0FBSEo7QUFJVCxTQUFLLE9BQU87QUFBQSxFQUNkO0FBQ0Y7QUFvQk8sSUFBTSxnQkFBTixjQUE0QixZQUFZO0FBQUEsRUFDN0MsWUFBWSxTQUFpQjtBQUMzQixVQUFNLGVBQWUsT0FBTztBQUFBLEVBQzlCO0FBQ0Y7OztBRHBDcUksSUFBTUMsNENBQTJDO0FBUy9LLElBQU0sT0FBT0MsZUFBYyxJQUFJLElBQUksTUFBTUQseUNBQWUsQ0FBQztBQUd6RCxTQUFTLGVBQXlCO0FBQ3ZDLFNBQU8sWUFBWUUsTUFBSyxNQUFNLE1BQU0sR0FBRyxFQUFFLGVBQWUsS0FBSyxDQUFDLEVBQzNELE9BQU8sQ0FBQyxVQUFVLE1BQU0sWUFBWSxLQUFLLFNBQVMsS0FBSyxNQUFNLElBQUksQ0FBQyxFQUNsRSxJQUFJLENBQUMsVUFBVSxNQUFNLElBQUksRUFDekIsS0FBSztBQUNWOzs7QURQQSxJQUFNLFdBQVc7QUFFakIsSUFBTSxnQkFBZ0JDLEdBQUUsYUFBYTtBQUFBLEVBQ25DLE9BQU9BLEdBQUUsT0FBTyxFQUFFLElBQUksQ0FBQztBQUFBLEVBQ3ZCLFFBQVFBLEdBQUUsT0FBTyxFQUFFLE1BQU0sbUJBQW1CO0FBQUEsRUFDNUMsZUFBZUEsR0FBRSxNQUFNQSxHQUFFLE9BQU8sRUFBRSxNQUFNLFFBQVEsQ0FBQyxFQUFFLElBQUksQ0FBQztBQUFBLEVBQ3hELE9BQU9BLEdBQUUsT0FBT0EsR0FBRSxPQUFPLEVBQUUsTUFBTSxRQUFRLEdBQUdBLEdBQUUsTUFBTUEsR0FBRSxPQUFPLEVBQUUsS0FBSyxFQUFFLElBQUksQ0FBQyxDQUFDLEVBQUUsSUFBSSxDQUFDLENBQUM7QUFBQTtBQUFBLEVBRXBGLFNBQVNBLEdBQUUsT0FBTyxFQUFFLElBQUksRUFBRSxJQUFJLENBQUMsRUFBRSxJQUFJLENBQUMsRUFBRSxTQUFTO0FBQ25ELENBQUM7QUFhTSxTQUFTLFdBQWtCO0FBQ2hDLFNBQU8sYUFBYSxFQUFFLElBQUksT0FBTztBQUNuQztBQUVPLFNBQVMsUUFBUSxNQUFtQjtBQUN6QyxRQUFNLE1BQU1DLE1BQUssTUFBTSxRQUFRLElBQUk7QUFDbkMsUUFBTSxXQUFXQSxNQUFLLEtBQUssVUFBVTtBQUNyQyxNQUFJLENBQUNDLFlBQVcsUUFBUSxFQUFHLE9BQU0sSUFBSSxjQUFjLFFBQVEsSUFBSSxtRUFBbUU7QUFDbEksTUFBSTtBQUNKLE1BQUk7QUFDRixVQUFNLE1BQU1DLGNBQWEsVUFBVSxNQUFNLENBQUM7QUFBQSxFQUM1QyxTQUFTLE9BQU87QUFDZCxVQUFNLElBQUksY0FBYyxRQUFRLElBQUksZ0NBQWlDLE1BQWdCLFFBQVEsTUFBTSxJQUFJLEVBQUUsQ0FBQyxDQUFDLEVBQUU7QUFBQSxFQUMvRztBQUNBLFFBQU0sT0FBTyxjQUFjLFVBQVUsR0FBRztBQUN4QyxNQUFJLENBQUMsS0FBSyxTQUFTO0FBQ2pCLFVBQU0sUUFBUSxLQUFLLE1BQU0sT0FBTyxDQUFDO0FBQ2pDLFVBQU0sSUFBSSxjQUFjLFFBQVEsSUFBSSxjQUFjLE1BQU0sS0FBSyxLQUFLLEdBQUcsS0FBSyxhQUFhLEtBQUssTUFBTSxPQUFPLG9EQUFvRDtBQUFBLEVBQy9KO0FBQ0EsU0FBTyxFQUFFLE1BQU0sUUFBUSxLQUFLLE1BQU0sR0FBRyxDQUFDLEdBQUcsS0FBSyxhQUFhRixNQUFLLE1BQU0sYUFBYSxJQUFJLEdBQUcsTUFBTSxLQUFLLEtBQUs7QUFDNUc7OztBR3BEMFAsU0FBUyxLQUFBRyxVQUFTOzs7QUNBVixTQUFTLFdBQVcsZ0JBQUFDLGVBQWMsWUFBWSxxQkFBcUI7QUFDclUsU0FBUyxRQUFBQyxhQUFZO0FBVWQsSUFBTSxjQUFjQyxNQUFLLE1BQU0sU0FBUztBQUV4QyxTQUFTLGdCQUFtQixNQUFjLFFBQXNCLE9BQW1CO0FBQ3hGLE1BQUk7QUFDRixVQUFNLFNBQVMsT0FBTyxVQUFVLEtBQUssTUFBTUMsY0FBYUQsTUFBSyxhQUFhLElBQUksR0FBRyxNQUFNLENBQUMsQ0FBQztBQUN6RixXQUFPLE9BQU8sVUFBVSxPQUFPLE9BQU8sTUFBTTtBQUFBLEVBQzlDLFFBQVE7QUFDTixXQUFPLE1BQU07QUFBQSxFQUNmO0FBQ0Y7OztBRFpBLElBQU0sT0FBTztBQUViLElBQU0sb0JBQW9CRSxHQUFFLE9BQU87QUFBQTtBQUFBLEVBRWpDLFFBQVFBLEdBQUUsT0FBT0EsR0FBRSxPQUFPLEdBQUdBLEdBQUUsUUFBUSxDQUFDO0FBQUE7QUFBQSxFQUV4QyxTQUFTQSxHQUFFLE9BQU87QUFDcEIsQ0FBQztBQUNELElBQU0saUJBQWlCQSxHQUFFLE9BQU8sRUFBRSxNQUFNQSxHQUFFLE9BQU9BLEdBQUUsT0FBTyxHQUFHLGlCQUFpQixFQUFFLENBQUM7QUFLMUUsSUFBTSxnQkFBZ0I7QUFFdEIsU0FBUyxlQUF5QjtBQUN2QyxTQUFPLGdCQUFnQixNQUFNLGdCQUFnQixPQUFPLEVBQUUsTUFBTSxDQUFDLEVBQUUsRUFBRTtBQUNuRTtBQWFBLElBQU0sT0FBTyxDQUFDLEdBQVcsTUFBYyxPQUFPLEVBQUUsTUFBTSxHQUFHLEVBQUUsQ0FBQyxDQUFDLElBQUksT0FBTyxFQUFFLE1BQU0sR0FBRyxFQUFFLENBQUMsQ0FBQztBQUdoRixTQUFTLGFBQWEsVUFBdUQ7QUFDbEYsU0FBTyxPQUFPLFFBQVEsVUFBVSxVQUFVLENBQUMsQ0FBQyxFQUN6QyxPQUFPLENBQUMsQ0FBQyxFQUFFLE1BQU0sTUFBTSxDQUFDLE1BQU0sRUFDOUIsSUFBSSxDQUFDLENBQUMsRUFBRSxNQUFNLEVBQUUsRUFDaEIsS0FBSyxJQUFJLEVBQUUsQ0FBQztBQUNqQjs7O0FFOUJPLFNBQVMsZUFBNkI7QUFDM0MsUUFBTSxXQUFXLGFBQWE7QUFDOUIsU0FBTyxTQUFTLEVBQUUsSUFBSSxDQUFDLFFBQVE7QUFDN0IsVUFBTSxTQUFTLE9BQU8sS0FBSyxJQUFJLEtBQUssS0FBSztBQUN6QyxVQUFNLFFBQVEsU0FBUyxLQUFLLElBQUksSUFBSTtBQUNwQyxVQUFNLFNBQVMsT0FBTyxPQUFPLENBQUMsT0FBTyxPQUFPLE9BQU8sRUFBRSxNQUFNLElBQUksRUFBRTtBQUNqRSxVQUFNLGFBQWEsV0FBVyxPQUFPLFNBQVMsU0FBYSxhQUFhLEtBQUssS0FBSyxPQUFPLEtBQUssQ0FBQyxPQUFPLE9BQU8sT0FBTyxFQUFFLE1BQU0sSUFBSTtBQUNoSSxXQUFPO0FBQUEsTUFDTCxLQUFLLElBQUk7QUFBQSxNQUNULE9BQU8sSUFBSSxLQUFLO0FBQUEsTUFDaEI7QUFBQSxNQUNBLE9BQU8sT0FBTztBQUFBLE1BQ2QsR0FBSSxhQUFhLEVBQUUsV0FBVyxJQUFJLENBQUM7QUFBQSxNQUNuQyxHQUFJLFFBQVEsRUFBRSxTQUFTLE1BQU0sUUFBUSxJQUFJLENBQUM7QUFBQSxJQUM1QztBQUFBLEVBQ0YsQ0FBQztBQUNIOzs7QU56QkEsSUFBTSxlQUFlO0FBQ3JCLElBQU0saUJBQWlCO0FBUWhCLFNBQVMsa0JBQTBCO0FBQ3hDLFFBQU0sT0FBT0MsTUFBSyxhQUFhLGFBQWE7QUFDNUMsU0FBTztBQUFBLElBQ0wsTUFBTTtBQUFBLElBQ04sT0FBTztBQUFBLElBQ1AsZ0JBQWdCLFFBQVE7QUFDdEIsYUFBTyxZQUFZLElBQUksY0FBYyxDQUFDLFVBQVUsYUFBYTtBQUMzRCxpQkFBUyxVQUFVLGdCQUFnQixrQkFBa0I7QUFDckQsWUFBSTtBQUNGLG1CQUFTLElBQUksS0FBSyxVQUFVLGFBQWEsQ0FBQyxDQUFDO0FBQUEsUUFDN0MsU0FBUyxPQUFPO0FBQ2QsbUJBQVMsYUFBYTtBQUN0QixtQkFBUyxJQUFJLEtBQUssVUFBVSxFQUFFLE9BQVEsTUFBZ0IsUUFBUSxDQUFDLENBQUM7QUFBQSxRQUNsRTtBQUFBLE1BQ0YsQ0FBQztBQUNELGFBQU8sUUFBUSxJQUFJLElBQUk7QUFDdkIsWUFBTSxVQUFVLENBQUMsU0FBaUI7QUFDaEMsWUFBSSxTQUFTLEtBQU0sUUFBTyxHQUFHLEtBQUssRUFBRSxNQUFNLFVBQVUsT0FBTyxlQUFlLENBQUM7QUFBQSxNQUM3RTtBQUNBLGFBQU8sUUFBUSxHQUFHLE9BQU8sT0FBTztBQUNoQyxhQUFPLFFBQVEsR0FBRyxVQUFVLE9BQU87QUFBQSxJQUNyQztBQUFBLEVBQ0Y7QUFDRjs7O0FPdkMyUCxTQUFTLGNBQWM7QUFDbFIsU0FBUyxxQkFBcUI7QUFDOUIsU0FBUyxTQUFTLFFBQUFDLGFBQVk7QUFDOUIsU0FBUyxpQkFBQUMsc0JBQXFCO0FBSHlILElBQU1DLDRDQUEyQztBQU94TSxJQUFNLFFBQVE7QUFDZCxJQUFNLFdBQVcsZ0JBQWdCLEtBQUs7QUFDdEMsSUFBTSxjQUFjLFFBQVEsY0FBY0EseUNBQWUsRUFBRSxRQUFRLFFBQVEsQ0FBQztBQUM1RSxJQUFNLFNBQVNDLGVBQWMsSUFBSSxJQUFJLDZCQUE2QkQseUNBQWUsQ0FBQztBQVczRSxTQUFTLGtCQUEwQjtBQUN4QyxTQUFPO0FBQUEsSUFDTCxNQUFNO0FBQUEsSUFDTixPQUFPO0FBQUEsSUFDUCxTQUFTO0FBQUEsSUFDVCxXQUFXLENBQUMsV0FBWSxXQUFXLFdBQVcsU0FBUztBQUFBLEVBQ3pEO0FBQ0Y7QUFHTyxTQUFTLFlBQVksUUFBc0I7QUFDaEQsUUFBTSxTQUFTRSxNQUFLLFVBQVUsaUJBQWlCO0FBQy9DLFNBQU9BLE1BQUssYUFBYSxLQUFLLEdBQUdBLE1BQUssUUFBUSxXQUFXLEtBQUssQ0FBQztBQUMvRCxTQUFPQSxNQUFLLGFBQWEsTUFBTSxHQUFHQSxNQUFLLFFBQVEsV0FBVyxNQUFNLEdBQUcsRUFBRSxXQUFXLE1BQU0sUUFBUSxDQUFDLFdBQVcsQ0FBQyxPQUFPLFNBQVMsTUFBTSxFQUFFLENBQUM7QUFDdEk7OztBQ25DK08sU0FBUyxjQUFBQyxhQUFZLGdCQUFnQjtBQUNwUixTQUFTLFdBQUFDLFVBQVMsUUFBQUMsT0FBTSxZQUFBQyxXQUFVLFNBQVMsT0FBQUMsWUFBVztBQWUvQyxTQUFTLFVBQVUsUUFBZ0JDLFdBQWtCO0FBQzFELFNBQU8sQ0FBQyxPQUF5QjtBQUMvQixPQUFHLEtBQUssTUFBTSxLQUFLLHFCQUFxQixDQUFDLFVBQVU7QUFDakQsWUFBTSxNQUFNLE1BQU07QUFDbEIsWUFBTSxPQUFPLElBQUksWUFBWSxJQUFJO0FBQ2pDLFVBQUksQ0FBQyxLQUFNO0FBQ1gsWUFBTSxRQUFRLENBQUNDLFNBQVEsSUFBSSxHQUFHLElBQUksSUFBSSxZQUFZLENBQUMsR0FBRyxJQUFJLENBQUMsU0FBU0EsU0FBUSxJQUFJLENBQUMsQ0FBQztBQUNsRixpQkFBVyxTQUFTLE1BQU0sUUFBUTtBQUNoQyxtQkFBVyxTQUFTLE1BQU0sWUFBWSxDQUFDLEdBQUc7QUFDeEMsY0FBSSxNQUFNLFNBQVMsWUFBYTtBQUNoQyxnQkFBTSxPQUFPLE1BQU0sUUFBUSxNQUFNO0FBQ2pDLGNBQUksQ0FBQyxRQUFRLDZCQUE2QixLQUFLLElBQUksRUFBRztBQUN0RCxnQkFBTSxDQUFDLE9BQU8sSUFBSSxPQUFPLEVBQUUsSUFBSSxVQUFVLElBQUk7QUFDN0MsZ0JBQU0sU0FBUyxNQUNaLElBQUksQ0FBQyxTQUFTLFFBQVEsTUFBTSxtQkFBbUIsSUFBSSxDQUFDLENBQUMsRUFDckQsS0FBSyxDQUFDLFNBQVNDLFlBQVcsSUFBSSxNQUFNLENBQUMsU0FBUyxRQUFRLElBQUksS0FBSyxPQUFPLElBQUksRUFBRTtBQUMvRSxjQUFJLENBQUMsT0FBUTtBQUNiLGNBQUksU0FBUyxRQUFRLE1BQU0sR0FBRztBQUM1QixrQkFBTSxRQUFRLFFBQVEsSUFBSUMsVUFBUyxRQUFRLE1BQU0sRUFBRSxNQUFNQyxJQUFHLEVBQUUsS0FBSyxHQUFHLENBQUMsR0FBRyxJQUFJLEVBQUU7QUFBQSxVQUNsRixXQUFXLFNBQVNKLFdBQVUsTUFBTSxHQUFHO0FBQ3JDLHVCQUFXLE1BQU0sWUFBWSxDQUFDLEdBQUcsT0FBT0csVUFBU0gsV0FBVSxNQUFNLEVBQUUsTUFBTUksSUFBRyxFQUFFLEtBQUssR0FBRyxDQUFDO0FBQUEsVUFDekY7QUFBQSxRQUNGO0FBQUEsTUFDRjtBQUFBLElBQ0YsQ0FBQztBQUFBLEVBQ0g7QUFDRjtBQUtBLFNBQVMsV0FBVyxRQUFpQixNQUFhLE9BQWU7QUFDL0QsUUFBTSxRQUFRLE9BQU8sUUFBUSxJQUFJO0FBQ2pDLFFBQU0sTUFBTSxPQUFPLFVBQVUsQ0FBQyxPQUFPLE1BQU0sSUFBSSxTQUFTLE1BQU0sU0FBUyxZQUFZO0FBQ25GLE1BQUksUUFBUSxHQUFJO0FBQ2hCLFFBQU1DLFFBQU8sT0FBTyxNQUFNLFFBQVEsR0FBRyxHQUFHLEVBQUUsSUFBSSxDQUFDLFVBQVUsTUFBTSxPQUFPLEVBQUUsS0FBSyxFQUFFO0FBQy9FLFFBQU0sT0FBTyxNQUFNLE1BQU0sR0FBRyxFQUFFLElBQUksS0FBSztBQUN2QyxPQUFLLE9BQU87QUFDWixPQUFLLFVBQVU7QUFDZixRQUFNLFFBQVEsT0FBTyxHQUFHO0FBQ3hCLE1BQUksQ0FBQyxNQUFPO0FBQ1osUUFBTSxPQUFPO0FBQ2IsUUFBTSxVQUFVQSxNQUFLLFNBQVMsSUFBSSxLQUFLQSxNQUFLLFVBQVUsS0FBSyxTQUFTLFlBQVksV0FBVyxXQUFXLEtBQUssQ0FBQztBQUM5RztBQUVBLElBQU0sYUFBYSxDQUFDQSxVQUFpQkEsTUFBSyxRQUFRLFdBQVcsQ0FBQyxNQUFNLEtBQUssRUFBRSxXQUFXLENBQUMsQ0FBQyxHQUFHO0FBRzNGLFNBQVMsT0FBTyxNQUF1QjtBQUNyQyxTQUFPLFNBQVMsSUFBSSxFQUFFLE9BQU8sS0FBS0gsWUFBV0ksTUFBSyxNQUFNLFVBQVUsQ0FBQztBQUNyRTtBQUVBLFNBQVMsVUFBVSxNQUFnQztBQUNqRCxRQUFNLEtBQUssS0FBSyxPQUFPLE1BQU07QUFDN0IsU0FBTyxPQUFPLEtBQUssQ0FBQyxNQUFNLEVBQUUsSUFBSSxDQUFDLEtBQUssTUFBTSxHQUFHLEVBQUUsR0FBRyxLQUFLLE1BQU0sRUFBRSxDQUFDO0FBQ3BFO0FBRUEsU0FBUyxTQUFTLEtBQWEsTUFBdUI7QUFDcEQsUUFBTSxNQUFNSCxVQUFTLEtBQUssSUFBSTtBQUM5QixTQUFPLFFBQVEsTUFBTSxDQUFDLElBQUksV0FBVyxJQUFJLEtBQUssQ0FBQyxJQUFJLFdBQVdDLElBQUc7QUFDbkU7OztBQzVFeU8sU0FBUyxjQUFBRyxhQUFZLGVBQUFDLGNBQWEsZ0JBQUFDLHFCQUFvQjtBQUMvUixTQUFTLFFBQUFDLGFBQVk7QUFDckIsU0FBUyxTQUFBQyxjQUFhO0FBU2YsSUFBTSxRQUFRLENBQUMsaUJBQWlCLHFCQUFxQjtBQVVyRCxTQUFTLFVBQVVDLFVBQWlCLFFBQTZCO0FBQ3RFLFFBQU0sTUFBTUMsTUFBS0QsVUFBUyxNQUFNO0FBQ2hDLE1BQUksQ0FBQ0UsWUFBVyxHQUFHLEVBQUcsUUFBTyxDQUFDO0FBQzlCLFNBQU9DLGFBQVksR0FBRyxFQUNuQixPQUFPLENBQUMsU0FBUyxpQkFBaUIsS0FBSyxJQUFJLENBQUMsRUFDNUMsS0FBSyxFQUNMLElBQUksQ0FBQyxTQUFTO0FBQ2IsVUFBTSxPQUFPLFlBQVlDLGNBQWFILE1BQUssS0FBSyxJQUFJLEdBQUcsTUFBTSxDQUFDO0FBQzlELFVBQU0sT0FBTyxLQUFLLE1BQU0sR0FBRyxFQUFFO0FBQzdCLFVBQU0sUUFBUSxPQUFPLEtBQUssVUFBVSxXQUFXLEtBQUssUUFBUTtBQUM1RCxXQUFPLEVBQUUsTUFBTSxJQUFJLE1BQU0sSUFBSSxJQUFJLElBQUksT0FBTyxHQUFJLE9BQU8sS0FBSyxTQUFTLFdBQVcsRUFBRSxNQUFNLEtBQUssS0FBSyxJQUFJLENBQUMsRUFBRztBQUFBLEVBQzVHLENBQUM7QUFDTDtBQUVBLFNBQVMsWUFBWSxRQUF5QztBQUM1RCxRQUFNLFFBQVEsOEJBQThCLEtBQUssTUFBTTtBQUN2RCxNQUFJLENBQUMsUUFBUSxDQUFDLEVBQUcsUUFBTyxDQUFDO0FBQ3pCLE1BQUk7QUFDRixVQUFNLE9BQWdCSSxPQUFNLE1BQU0sQ0FBQyxDQUFDO0FBQ3BDLFdBQU8sUUFBUSxPQUFPLFNBQVMsV0FBWSxPQUFtQyxDQUFDO0FBQUEsRUFDakYsUUFBUTtBQUNOLFdBQU8sQ0FBQztBQUFBLEVBQ1Y7QUFDRjtBQUdBLElBQU0sT0FBTyxDQUFDLFNBQThDO0FBQzFELFFBQU0sU0FBUyxLQUFLLEtBQUssTUFBTSxHQUFHLEVBQUUsSUFBSSxHQUFHLE1BQU0sR0FBRyxDQUFDLEtBQUs7QUFDMUQsUUFBTSxXQUFXLElBQUksT0FBTyxxQkFBcUIsT0FBTyxNQUFNLENBQUMsS0FBSyxFQUFFLEtBQUssS0FBSyxLQUFLO0FBQ3JGLFNBQU8sRUFBRSxNQUFNLFdBQVcsS0FBSyxRQUFRLEdBQUcsTUFBTSxTQUFNLEtBQUssS0FBSyxJQUFJLE1BQU0sS0FBSyxLQUFLO0FBQ3RGO0FBRU8sU0FBUyxhQUFhTCxVQUE2QztBQUN4RSxRQUFNLFVBQVUsVUFBVUEsVUFBUyxTQUFTO0FBQzVDLFFBQU0sT0FBTyxVQUFVQSxVQUFTLE1BQU07QUFFdEMsUUFBTSxRQUFRLElBQUksSUFBWSxLQUFLO0FBQ25DLFFBQU0sU0FBcUMsTUFBTSxJQUFJLENBQUMsVUFBVTtBQUFBLElBQzlELE1BQU07QUFBQSxJQUNOLFdBQVc7QUFBQSxJQUNYLE9BQU8sUUFBUSxPQUFPLENBQUMsU0FBUyxLQUFLLFNBQVMsSUFBSSxFQUFFLElBQUksSUFBSTtBQUFBLEVBQzlELEVBQUU7QUFDRixTQUFPLEtBQUssRUFBRSxNQUFNLGdCQUFnQixXQUFXLE9BQU8sT0FBTyxRQUFRLE9BQU8sQ0FBQyxNQUFNLENBQUMsTUFBTSxJQUFJLEVBQUUsUUFBUSxFQUFFLENBQUMsRUFBRSxJQUFJLElBQUksRUFBRSxDQUFDO0FBQ3hILFNBQU8sS0FBSyxFQUFFLE1BQU0sUUFBUSxXQUFXLE9BQU8sT0FBTyxLQUFLLElBQUksSUFBSSxFQUFFLENBQUM7QUFDckUsU0FBTyxLQUFLO0FBQUEsSUFDVixNQUFNO0FBQUEsSUFDTixPQUFPO0FBQUEsTUFDTCxFQUFFLE1BQU0sdUJBQXVCLE1BQU0sYUFBYTtBQUFBLE1BQ2xELEVBQUUsTUFBTSxrQkFBa0IsTUFBTSwyQkFBMkI7QUFBQSxNQUMzRCxFQUFFLE1BQU0sc0JBQXNCLE1BQU0sbUJBQW1CO0FBQUEsTUFDdkQsRUFBRSxNQUFNLGdDQUFnQyxNQUFNLFNBQVM7QUFBQSxJQUN6RDtBQUFBLEVBQ0YsQ0FBQztBQUNELFNBQU8sT0FBTyxPQUFPLENBQUMsV0FBVyxNQUFNLE9BQU8sVUFBVSxLQUFLLENBQUM7QUFDaEU7QUFHTyxTQUFTLFdBQVdBLFVBQWlCO0FBQzFDLFNBQU87QUFBQSxJQUNMLFFBQVEsVUFBVUEsVUFBUyxTQUFTLEVBQUUsQ0FBQyxHQUFHLFFBQVE7QUFBQSxJQUNsRCxLQUFLLFVBQVVBLFVBQVMsTUFBTSxFQUFFLENBQUMsR0FBRyxRQUFRO0FBQUEsRUFDOUM7QUFDRjs7O0FkbkY2SSxJQUFNTSw0Q0FBMkM7QUFZOUwsSUFBTSxXQUFXQyxlQUFjLElBQUksSUFBSSxPQUFPRCx5Q0FBZSxDQUFDO0FBQzlELElBQU0sVUFBVUMsZUFBYyxJQUFJLElBQUksWUFBWUQseUNBQWUsQ0FBQztBQUNsRSxJQUFNLFFBQVEsV0FBVyxPQUFPO0FBR2hDLElBQU0sYUFDSjtBQUVGLElBQU0sVUFBVSxzQkFBc0IsbUJBQW1CLFVBQVUsQ0FBQztBQUdwRSxJQUFNLGFBQXFCO0FBQUEsRUFDekIsTUFBTTtBQUFBLEVBQ04sZ0JBQWdCLFFBQVE7QUFDdEIsV0FBTyxZQUFZLElBQUksZ0JBQWdCLENBQUMsVUFBVSxhQUFhO0FBQzdELGVBQVMsVUFBVSxnQkFBZ0IsZUFBZTtBQUNsRCxlQUFTLElBQUksVUFBVTtBQUFBLElBQ3pCLENBQUM7QUFBQSxFQUNIO0FBQ0Y7QUFFQSxJQUFPLGlCQUFRO0FBQUEsRUFDYixhQUFhO0FBQUEsSUFDWCxPQUFPO0FBQUEsSUFDUCxhQUFhO0FBQUEsSUFDYixRQUFRO0FBQUEsSUFDUixXQUFXO0FBQUEsSUFDWCxZQUFZO0FBQUEsSUFDWixNQUFNLENBQUMsQ0FBQyxRQUFRLEVBQUUsS0FBSyxRQUFRLE1BQU0sUUFBUSxDQUFDLENBQUM7QUFBQSxJQUMvQyxhQUFhO0FBQUEsSUFDYixVQUFVO0FBQUEsTUFDUixRQUFRLENBQUMsT0FBTztBQUNkLFdBQUcsSUFBSSxVQUFVLFFBQVEsUUFBUSxPQUFPLEVBQUUsR0FBRyxTQUFTLFFBQVEsT0FBTyxFQUFFLENBQUMsQ0FBQztBQUN6RSxXQUFHLElBQUksV0FBVyxTQUFTLFFBQVEsT0FBTyxFQUFFLENBQUMsQ0FBQztBQUFBLE1BQ2hEO0FBQUEsSUFDRjtBQUFBO0FBQUE7QUFBQSxJQUdBLFVBQVUsQ0FBQyxTQUFTLFlBQVksS0FBSyxNQUFNO0FBQUEsSUFDM0Msa0JBQWtCLFVBQVU7QUFDMUIsVUFBSSxvQkFBb0IsS0FBSyxTQUFTLFlBQVksRUFBRyxVQUFTLFlBQVksY0FBYztBQUFBLElBQzFGO0FBQUEsSUFDQSxhQUFhO0FBQUEsTUFDWCxLQUFLO0FBQUEsUUFDSCxFQUFFLE1BQU0sV0FBVyxNQUFNLE1BQU0sVUFBVSxLQUFLLGFBQWEsYUFBYTtBQUFBLFFBQ3hFLEVBQUUsTUFBTSxRQUFRLE1BQU0sTUFBTSxPQUFPLEtBQUssYUFBYSxVQUFVO0FBQUEsUUFDL0QsRUFBRSxNQUFNLHVCQUF1QixNQUFNLGFBQWE7QUFBQSxRQUNsRCxFQUFFLE1BQU0sWUFBWSxNQUFNLFNBQVM7QUFBQSxNQUNyQztBQUFBLE1BQ0EsU0FBUyxhQUFhLE9BQU87QUFBQSxNQUM3QixTQUFTLEVBQUUsT0FBTyxDQUFDLEdBQUcsQ0FBQyxFQUFFO0FBQUEsTUFDekIsUUFBUTtBQUFBLFFBQ04sVUFBVTtBQUFBLFFBQ1YsU0FBUztBQUFBO0FBQUE7QUFBQSxVQUdQLE1BQU0sUUFBUSxLQUFLLEtBQUssSUFBSTtBQUMxQixrQkFBTSxPQUFPLEdBQUcsT0FBTyxLQUFLLEdBQUc7QUFDL0IsZ0JBQUksSUFBSSxhQUFhLFdBQVcsTUFBTyxRQUFPO0FBQzlDLGdCQUFJLElBQUksaUJBQWlCLGVBQWdCLFFBQU87QUFDaEQsa0JBQU0sRUFBRSxRQUFRLElBQUksTUFBTSxZQUFZLEVBQUUsTUFBTSxTQUFTLENBQUM7QUFDeEQsbUJBQU8sT0FBTyxHQUFHLE9BQU8sa0JBQWtCLE9BQU8sRUFBRSxVQUFVLEdBQUc7QUFBQSxVQUNsRTtBQUFBLFFBQ0Y7QUFBQSxNQUNGO0FBQUEsTUFDQSxXQUFXLEVBQUUsTUFBTSxZQUFZLE1BQU0sT0FBTztBQUFBLElBQzlDO0FBQUE7QUFBQTtBQUFBO0FBQUEsSUFJQSxTQUFTLEVBQUUsVUFBVSxFQUFFLGFBQWEsR0FBRyxFQUFFO0FBQUEsSUFDekMsTUFBTTtBQUFBLE1BQ0osU0FBUyxDQUFDLFlBQVksZ0JBQWdCLEdBQUcsZ0JBQWdCLENBQUM7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBLE1BSzFELFNBQVMsRUFBRSxPQUFPLENBQUMsRUFBRSxNQUFNLGFBQWEsYUFBYSxtQ0FBbUMsQ0FBQyxFQUFFO0FBQUEsSUFDN0Y7QUFBQSxFQUNGLENBQUM7QUFDSDsiLAogICJuYW1lcyI6IFsiZmlsZVVSTFRvUGF0aCIsICJpdGVtIiwgImZpcnN0IiwgInRleHQiLCAiYmFzZW5hbWUiLCAicmVsYXRpdmUiLCAicmVwb1Jvb3QiLCAiYmFzZW5hbWUiLCAicmVsYXRpdmUiLCAiam9pbiIsICJleGlzdHNTeW5jIiwgInJlYWRGaWxlU3luYyIsICJqb2luIiwgInoiLCAiam9pbiIsICJmaWxlVVJMVG9QYXRoIiwgIl9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9pbXBvcnRfbWV0YV91cmwiLCAiZmlsZVVSTFRvUGF0aCIsICJqb2luIiwgInoiLCAiam9pbiIsICJleGlzdHNTeW5jIiwgInJlYWRGaWxlU3luYyIsICJ6IiwgInJlYWRGaWxlU3luYyIsICJqb2luIiwgImpvaW4iLCAicmVhZEZpbGVTeW5jIiwgInoiLCAiam9pbiIsICJqb2luIiwgImZpbGVVUkxUb1BhdGgiLCAiX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCIsICJmaWxlVVJMVG9QYXRoIiwgImpvaW4iLCAiZXhpc3RzU3luYyIsICJkaXJuYW1lIiwgImpvaW4iLCAicmVsYXRpdmUiLCAic2VwIiwgInJlcG9Sb290IiwgImRpcm5hbWUiLCAiZXhpc3RzU3luYyIsICJyZWxhdGl2ZSIsICJzZXAiLCAidGV4dCIsICJqb2luIiwgImV4aXN0c1N5bmMiLCAicmVhZGRpclN5bmMiLCAicmVhZEZpbGVTeW5jIiwgImpvaW4iLCAicGFyc2UiLCAiZG9jc0RpciIsICJqb2luIiwgImV4aXN0c1N5bmMiLCAicmVhZGRpclN5bmMiLCAicmVhZEZpbGVTeW5jIiwgInBhcnNlIiwgIl9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9pbXBvcnRfbWV0YV91cmwiLCAiZmlsZVVSTFRvUGF0aCJdCn0K
