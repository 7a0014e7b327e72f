import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderTemplate } from '../../../src/core/render/mustache-template';

const view = {
  name: 'lua',
  tag: '5.4.4',
  versions: { lua: '5.4', debian: 'bookworm' },
  variables: { apt_flags: '--no-install-recommends' },
  registry: 'r',
};
const resolveImage = (text: string) =>
  text === 'base' ? { ref: 'r/base:1' } : { problem: { message: `"${text}" is not an image of this catalog` } };
const render = (text: string, dir = '/nonexistent') =>
  renderTemplate(
    { file: path.join(dir, 'Dockerfile.mustache'), displayFile: 'images/lua/Dockerfile.mustache', text },
    view,
    resolveImage,
  );

describe('renderTemplate', () => {
  it('renders versions, variables and catalog references without HTML escaping', () => {
    const out = render(
      'FROM {{#image}}base{{/image}}\nRUN apt-get update && apt-get install {{variables.apt_flags}} lua{{versions.lua}} <x>\n',
    );
    expect(out.problems).toEqual([]);
    expect(out.output).toBe(
      'FROM r/base:1\nRUN apt-get update && apt-get install --no-install-recommends lua5.4 <x>\n',
    );
    expect(out.imageReferences).toEqual([{ text: 'base', line: 1 }]);
  });

  it('renders references built from variables', () => {
    const out = renderTemplate(
      { file: '/x/D', displayFile: 'D', text: 'FROM {{#image}}{{versions.debian}}{{/image}}\n' },
      view,
      (text) => ({ ref: `resolved(${text})` }),
    );
    expect(out.output).toBe('FROM resolved(bookworm)\n');
  });

  it.each([
    [
      'unknown version key',
      'RUN x\nRUN {{versions.pythn}}\n',
      2,
      /"versions" has no "pythn"/,
      /did you mean "versions.python"|known: lua, debian/,
    ],
    ['unknown top-level name', '{{tga}}\n', 1, /unknown template variable "tga"/, /did you mean "tag"/],
    ['a mapping used as a value', '{{versions}}\n', 1, /"versions" is a mapping, not a value/, /lua, debian/],
    ['unknown catalog image', '\n\nFROM {{#image}}bsae{{/image}}\n', 3, /"bsae" is not an image/, undefined],
    ['unclosed section (reported where it opens)', 'FROM {{#image}}base\n\n', 1, /Unclosed section "image"/, undefined],
  ])('%s is an error at its line', (_name, text, line, message, hint) => {
    const out = render(text);
    expect(out.output).toBeUndefined();
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0].message).toMatch(message);
    expect(out.problems[0].location).toEqual({ file: 'images/lua/Dockerfile.mustache', line });
    if (hint) expect(out.problems[0].hint).toMatch(hint);
  });

  it('reports every problem of a template together', () => {
    expect(render('{{a}}\n{{b}}\n{{#image}}nope{{/image}}\n').problems.map((p) => p.location?.line)).toEqual([1, 2, 3]);
  });

  it('allows section-relative names and falsy sections for optional values', () => {
    const out = render('{{#versions}}{{lua}}{{/versions}}{{^variables.missing}}none{{/variables.missing}}\n');
    expect(out.problems).toEqual([]);
    expect(out.output).toBe('5.4none\n');
  });

  it('includes partials from the template folder and reports missing ones', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'im-partials-'));
    writeFileSync(path.join(dir, 'apt-install.mustache'), 'RUN apt-get install lua{{versions.lua}}\n');
    expect(render('FROM x\n{{> apt-install}}', dir).output).toBe('FROM x\nRUN apt-get install lua5.4\n');
    const missing = render('FROM x\n{{> nope}}\n', dir);
    expect(missing.problems[0]).toMatchObject({
      message: expect.stringMatching(/partial "nope" not found/),
      location: { line: 2 },
    });
  });
});
