import { ConfigError, formatProblem, ProblemCollector } from '../../../src/core/shared/errors';

describe('formatProblem', () => {
  it.each([
    [{ message: 'm' }, 'm'],
    [{ message: 'm', location: { file: 'a.yml' } }, 'a.yml: m'],
    [
      { message: 'm', location: { file: 'a.yml', line: 3, column: 5 }, field: 'tags[0].name' },
      'a.yml:3:5: tags[0].name: m',
    ],
    [{ message: 'm', hint: 'did you mean "tags"?' }, 'm (did you mean "tags"?)'],
  ])('%j → %s', (problem, expected) => {
    expect(formatProblem(problem)).toBe(expected);
  });
});

describe('ProblemCollector', () => {
  it('reports every problem together, sorted by file and line', () => {
    const problems = new ProblemCollector();
    problems.add({ message: 'second', location: { file: 'b.yml', line: 1 } });
    problems.add({ message: 'first', location: { file: 'a.yml', line: 9 } });
    problems.add({ message: 'also first file', location: { file: 'a.yml', line: 10 } });
    expect(() => problems.throwIfAny()).toThrow(ConfigError);
    try {
      problems.throwIfAny();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.message)).toEqual(['first', 'also first file', 'second']);
      expect((error as ConfigError).exitCode).toBe(2);
    }
  });
  it('does nothing when empty', () => {
    expect(() => new ProblemCollector().throwIfAny()).not.toThrow();
  });
});
