/**
 * Says what is wrong with a value that fails one of the schema's patterns, in the user's terms: "image names must
 * be lowercase", "`+` is not allowed in a Docker tag; use `1.2.3-build.5`". A bare regex in an error message
 * tells nobody what to change.
 */
import { didYouMean } from '../shared/did-you-mean';
import { quote } from './quote';
import { patterns } from './schemas';

export interface Explanation {
  message: string;
  hint?: string;
}

type Explainer = (value: string) => Explanation;

const TAG_CHARS = /[A-Za-z0-9_.-]/;
const KNOWN_PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
];

function firstInvalid(value: string, allowed: RegExp): string | undefined {
  return [...value].find((char) => !allowed.test(char));
}

function replaceInvalid(value: string, allowed: RegExp, replacement: string): string {
  return [...value].map((char) => (allowed.test(char) ? char : replacement)).join('');
}

export function explainDockerTag(value: string): Explanation {
  if (value === '') return { message: 'a tag name must not be empty' };
  if (value.length > 128)
    return { message: `${quote(value)} has ${value.length} characters; a Docker tag has at most 128` };
  const bad = firstInvalid(value, TAG_CHARS);
  if (bad !== undefined) {
    return {
      message: `${quote(value)}: \`${bad}\` is not allowed in a Docker tag`,
      hint: `use ${quote(replaceInvalid(value, TAG_CHARS, '-'))}; a tag may contain letters, digits, \`_\`, \`.\` and \`-\``,
    };
  }
  return {
    message: `${quote(value)}: a Docker tag must start with a letter, digit or \`_\``,
    hint: `use ${quote(value.replace(/^[.-]+/, '') || `v${value}`)}`,
  };
}

export function explainImageName(value: string): Explanation {
  if (value === '') return { message: 'an image name must not be empty' };
  if (/[A-Z]/.test(value)) {
    return { message: `${quote(value)}: image names must be lowercase`, hint: `use ${quote(value.toLowerCase())}` };
  }
  if (value.length > 255) return { message: `${quote(value)} has ${value.length} characters; the limit is 255` };
  if (value.includes(':') || value.includes('@')) {
    return {
      message: `${quote(value)}: an image name has no tag or digest`,
      hint: 'write only the repository name; tags go under `tags:`',
    };
  }
  const bad = firstInvalid(value, /[a-z0-9._/-]/);
  if (bad !== undefined) {
    return {
      message: `${quote(value)}: \`${bad}\` is not allowed in an image name`,
      hint: 'use lowercase letters and digits, with `.`, `_` or `-` between them and `/` between path parts',
    };
  }
  return {
    message: `${quote(value)}: every \`/\`-separated part of an image name must start and end with a letter or digit`,
    hint: 'remove leading, trailing or doubled separators',
  };
}

export function explainTagSuffix(value: string): Explanation {
  if (value === '') {
    return {
      message: 'an empty `tag_suffix` would give every variant tag the name of its base tag',
      hint: 'use a suffix such as `-slim`',
    };
  }
  if (value.length > 127) return { message: `${quote(value)} has ${value.length} characters; a tag has at most 128` };
  const bad = firstInvalid(value, TAG_CHARS) ?? '';
  return {
    message: `${quote(value)}: \`${bad}\` is not allowed in a Docker tag`,
    hint: `use ${quote(replaceInvalid(value, TAG_CHARS, '-'))}`,
  };
}

export function explainVariantName(value: string): Explanation {
  if (value === '') return { message: 'a variant name must not be empty' };
  return {
    message: `${quote(value)}: a variant name names a directory and must start with a letter, digit or \`_\`, then use letters, digits, \`_\`, \`.\` and \`-\``,
    hint: `use ${quote(replaceInvalid(value, TAG_CHARS, '-').replace(/^[.-]+/, '') || 'variant')}`,
  };
}

export function explainVariableName(value: string): Explanation {
  if (value.includes('.')) {
    return {
      message: `${quote(value)}: \`.\` is not allowed in a version or variable name, because Mustache reads \`a.b\` as \`b\` inside \`a\``,
      hint: `use ${quote(value.replace(/\./g, '_'))}`,
    };
  }
  const bad = firstInvalid(value, /[A-Za-z0-9_-]/);
  if (bad !== undefined) {
    return {
      message: `${quote(value)}: \`${bad}\` is not allowed in a version or variable name`,
      hint: `use ${quote(replaceInvalid(value, /[A-Za-z0-9_-]/, '_'))}`,
    };
  }
  return {
    message: `${quote(value)}: a version or variable name must start with a letter or \`_\``,
    hint: `use ${quote(`_${value}`)}`,
  };
}

export function explainPlatform(value: string): Explanation {
  const suggestion = didYouMean(value.toLowerCase(), KNOWN_PLATFORMS);
  return {
    message: `${quote(value)} is not a platform`,
    hint: suggestion
      ? `did you mean \`${suggestion}\`?`
      : 'write `os/arch[/variant]` in lowercase, e.g. `linux/arm64`; `amd64` and `arm64` are accepted as short forms',
  };
}

const EXPLAINERS = new Map<string, Explainer>([
  [patterns.imageName, explainImageName],
  [patterns.dockerTag, explainDockerTag],
  [patterns.tagSuffix, explainTagSuffix],
  [patterns.variantName, explainVariantName],
  [patterns.variableName, explainVariableName],
  [patterns.platform, explainPlatform],
  [
    patterns.pinnedAction,
    (value) => ({ message: `${quote(value)} is not an action name`, hint: 'name the action as `owner/repo`' }),
  ],
  [
    patterns.pinnedSha,
    (value) => ({
      message: `${quote(value)} is not a commit SHA`,
      hint: 'pin the action to the full 40-character lowercase commit SHA of a release, e.g. `"<sha> # v1.2.3"`',
    }),
  ],
]);

/** Explains a value that does not match `pattern`; a pattern nobody explained still gets an honest message. */
export function explainPattern(pattern: string, value: string): Explanation {
  const explainer = EXPLAINERS.get(pattern);
  return explainer ? explainer(value) : { message: `${quote(value)} does not match \`${pattern}\`` };
}
