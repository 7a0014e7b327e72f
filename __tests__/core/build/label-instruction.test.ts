import { createBuildahBuilder } from '../../../src/core/build/buildah-builder';
import { appendLabelInstruction } from '../../../src/core/build/label-instruction';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox } from '../../support/busybox-image';
import { requireTool } from '../../support/containers-env';
import { buildRequest, freshContainersEnv, makeContext, nonce, registryConfig } from './build-fixtures';

describe('appendLabelInstruction', () => {
  it.each<[string, string, Record<string, string>, string | undefined]>([
    ['no labels: unchanged', 'FROM a\n', {}, 'FROM a\n'],
    ['sorted, quoted, one instruction', 'FROM a\n', { 'z.b': 'two words', 'a.a': '1' }, 'FROM a\nLABEL "a.a"="1" "z.b"="two words"\n'],
    ['quotes, backslashes and $ escaped', 'FROM a\n', { k: 'say "hi" \\ $HOME' }, 'FROM a\nLABEL "k"="say \\"hi\\" \\\\ \\$HOME"\n'],
    ['a last line without newline', 'FROM a', { k: 'v' }, 'FROM a\nLABEL "k"="v"\n'],
    ['CRLF files stay CRLF', 'FROM a\r\nRUN x\r\n', { k: 'v' }, 'FROM a\r\nRUN x\r\nLABEL "k"="v"\r\n'],
    ['a backtick escape character keeps the flags (buildah mangles it)', '# escape=`\nFROM a\n', { k: 'v' }, undefined],
    ['a newline in a value keeps the flags', 'FROM a\n', { k: 'two\nlines' }, undefined],
    ['a tab in a value keeps the flags', 'FROM a\n', { k: 'a\tb' }, undefined],
  ])('%s', (_name, dockerfile, labels, expected) => {
    expect(appendLabelInstruction(dockerfile, labels)).toBe(expected);
  });
});

describe('labels set by one LABEL step in a real buildah build', () => {
  it('arrive in the image config exactly as given, in one step', async () => {
    requireTool('buildah', 'apt-get install buildah');
    const seeded = await seededBusybox();
    const builder = createBuildahBuilder({ exec: execProcess, env: freshContainersEnv() });
    const labels = {
      'org.opencontainers.image.description': 'Lua "5.4" for CI — with $HOME, \\backslashes\\ and a=b',
      'org.opencontainers.image.title': 'lua',
      'dev.example.empty-ish': ' ',
      'dev.example.json': '{"v":1,"bases":{"r/x:1":"sha256:abc"}}',
    };
    for (const lines of [[`FROM ${seeded.byArch.amd64}`], ['# escape=`', `FROM ${seeded.byArch.amd64}`]]) {
      const { contextDir, dockerfile } = makeContext(lines);
      const log = new MemoryLogger();
      const pushRef = `${seeded.registry}/build-test/labels:${nonce()}`;
      await builder.build(buildRequest({ contextDir, dockerfile, pushRef, platform: 'linux/amd64', labels }, seeded.registry), log);
      const config = registryConfig(pushRef);
      expect(config.config.Labels).toEqual({ ...labels, 'io.buildah.version': expect.any(String) });
      // One step for all labels, not one per label (the flags, one step each, with a backtick escape character).
      const labelSteps = log.messages().filter((m) => / STEP \d+\/\d+: LABEL /.test(m));
      expect(labelSteps).toHaveLength(lines.length === 1 ? 1 : Object.keys(labels).length);
    }
  }, 120000);
});
