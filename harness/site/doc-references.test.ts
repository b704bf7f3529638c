import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIncludes, checkQuizTags, checkSnippets, checkSolutionsHidden } from './doc-references.js';
import { serveStatic } from './serve.js';

// A throwaway repository: docs/ pages that reference code, a quiz and an include.
const root = mkdtempSync(join(tmpdir(), 'doc-references-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
write('solutions/01-a/src/cache.ts', '// #region read\nexport const read = 1;\n// #endregion read\n// #region open\n');
write('quizzes/01-a.yaml', 'lesson: 01-a\n');
write('docs/lessons/01-a.md', [
  '<<< ../../solutions/01-a/src/cache.ts#read',
  '<<< ../../solutions/01-a/src/cache.ts#missing {2} [title]',
  '<<< ../../solutions/01-a/src/cache.ts#open',
  '<<< ../../solutions/01-a/src/gone.ts',
  '```md',
  '<<< ./inside-a-fence-is-only-an-example.ts',
  '```',
  '::: details Lab 01 solution: the read path',
  '<<< ../../solutions/01-a/src/cache.ts#read',
  ':::',
  '::: details Something else',
  '<<< ../../solutions/01-a/src/cache.ts#read',
  ':::',
  '<Quiz lesson="01-a" />',
].join('\n'));
write('docs/lessons/02-b.md', '# No quiz here\n\n<Quiz lesson="02-nope" />\n');
write('docs/labs/01-a.md', '<!--@include: ../../labs/01-a/README.md-->\n');
const docs = join(root, 'docs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('markdown references VitePress 1.6 would get wrong quietly', () => {
  it('flags a missing snippet file, a missing region and an unclosed region, not a fenced example', () => {
    expect(checkSnippets(root, docs).map((finding) => `${finding.at} ${finding.message}`)).toEqual([
      expect.stringMatching(/^docs\/lessons\/01-a\.md:2 .*#missing: .* has no "\/\/ #region missing"/),
      expect.stringMatching(/^docs\/lessons\/01-a\.md:3 .*#open: .* has no "\/\/ #endregion open"/),
      expect.stringMatching(/^docs\/lessons\/01-a\.md:4 <<< \.\.\/\.\.\/solutions\/01-a\/src\/gone\.ts: no such file/),
    ]);
  });

  it('flags a lab solution shown outside a collapsed "Lab NN solution" block, and only those', () => {
    expect(checkSolutionsHidden(root, docs).map((finding) => finding.at)).toEqual([
      'docs/lessons/01-a.md:1',
      'docs/lessons/01-a.md:2',
      'docs/lessons/01-a.md:3',
      'docs/lessons/01-a.md:4',
      'docs/lessons/01-a.md:12',
    ]);
  });

  it('flags an include whose file is missing', () => {
    expect(checkIncludes(root, docs)).toEqual([
      { at: 'docs/labs/01-a.md:1', message: expect.stringContaining('../../labs/01-a/README.md: no such file') },
    ]);
  });

  it('flags a <Quiz> without a quiz file and a lesson without its quiz', () => {
    expect(checkQuizTags(root, docs).map((finding) => finding.message)).toEqual([
      '<Quiz lesson="02-nope">: quizzes/02-nope.yaml does not exist',
      'the lesson has no <Quiz lesson="02-b" /> at its end',
    ]);
  });
});

describe('the static server for the built site', () => {
  it('serves clean URLs and refuses paths outside its folder', async () => {
    write('dist/lessons/01-a.html', '<p>lesson</p>');
    write('dist/404.html', '<p>missing</p>');
    write('secret.txt', 'not for the browser');
    const server = await serveStatic(join(root, 'dist'));
    try {
      const page = await fetch(`${server.url}/lessons/01-a`);
      expect([page.status, await page.text()]).toEqual([200, '<p>lesson</p>']);
      const escape = await fetch(`${server.url}/..%2Fsecret.txt`);
      expect([escape.status, await escape.text()]).toEqual([404, '<p>missing</p>']);
    } finally {
      await server.close();
    }
  });
});
