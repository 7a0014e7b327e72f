import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

describe('the README', () => {
  it.each([['docs/examples/github-workflow.yml'], ['docs/examples/gitlab-ci.yml']])(
    'shows %s exactly as the tests run it',
    (file) => {
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      expect(readme).toContain(`\`\`\`yaml\n${readFileSync(path.join(ROOT, file), 'utf8')}\`\`\``);
    },
  );
});
