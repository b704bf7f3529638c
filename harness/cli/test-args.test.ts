import { describe, expect, it } from 'vitest';
import { checkFiles, parseTestArgs, suiteArgs } from './test-args.js';

describe('npm test arguments, with and without --', () => {
  it('a lab by number or path, the solution by flag or by what npm made of it', () => {
    expect(parseTestArgs(['04', 'labs/05-tags'], {})).toMatchObject({ labs: ['04-stampede', '05-tags'], target: 'starter' });
    expect(parseTestArgs(['labs/01-cache-aside', '--solution'], {}).target).toBe('solution');
    expect(parseTestArgs(['labs/01-cache-aside'], { npm_config_solution: 'true' }).target).toBe('solution');
    expect(parseTestArgs(['01'], { npm_config_target: 'solutions/01-cache-aside/mistakes/x.ts' }).target).toBe('solutions/01-cache-aside/mistakes/x.ts');
  });

  it('a check ID runs that check in its lab', () => {
    expect(parseTestArgs(['04.5'], {})).toMatchObject({ labs: ['04-stampede'], checks: ['04.5'] });
    expect(parseTestArgs(['4.12'], {})).toMatchObject({ labs: ['04-stampede'], checks: ['04.12'] });
  });

  it('a check runs from the one file that holds it; a check no file holds is one readable line', () => {
    expect(checkFiles(['06-sessions'], ['06.7'])).toHaveLength(1);
    expect(checkFiles(['04-stampede', '06-sessions'], ['04.5', '06.7']).map((path) => path.split('/')[1])).toEqual(['04-stampede', '06-sessions']);
    expect(checkFiles(['14-testing-a-cache'], ['14.13']), 'a check listed in a support file').toEqual(['labs/14-testing-a-cache/']);
    expect(() => checkFiles(['06-sessions'], ['06.99'])).toThrow(/^No check 06\.99 in labs\/06-sessions: its checks are 06\.1 to 06\.\d+\./);
  });

  it('npm test and npm run watch hand vitest a check\'s file and a pattern that names it alone', () => {
    expect(suiteArgs(['06-sessions'], [])).toEqual(['labs/06-sessions/']);
    const [file, flag, pattern] = suiteArgs(['06-sessions'], ['06.7']);
    expect([file, flag]).toEqual([checkFiles(['06-sessions'], ['06.7'])[0], '-t']);
    const names = ['06.7 logout ends the session', '06.17 a later check', 'x 06.7 nested in a describe', '06.70 not this one'];
    expect(names.filter((name) => new RegExp(pattern!).test(name))).toEqual(['06.7 logout ends the session', 'x 06.7 nested in a describe']);
  });

  it('-t passes through, also when npm swallowed it and left the pattern bare', () => {
    expect(parseTestArgs(['06', '-t', 'logout'], {}).vitestArgs).toEqual(['-t', 'logout']);
    expect(parseTestArgs(['labs/06-sessions', 'logout'], { npm_config_t: 'true' })).toMatchObject({ labs: ['06-sessions'], vitestArgs: ['-t', 'logout'] });
    expect(parseTestArgs(['labs/06-sessions', '06.7'], { npm_config_t: 'true' })).toMatchObject({ labs: ['06-sessions'], checks: ['06.7'] });
  });

  it('an unknown lab or a flag missing its value is one readable line', () => {
    expect(() => parseTestArgs(['99'], {})).toThrow(/^No lab "99"/);
    expect(() => parseTestArgs(['--target'], {})).toThrow(/--target needs a value/);
    expect(() => parseTestArgs(['04', '--watch'], {})).toThrow(/npm run watch 04/);
  });
});
