/**
 * Third-party actions are referenced by full commit SHA, never by a movable tag: a tag can be re-pointed at
 * malicious code after review. The defaults below were resolved from Dependabot's release commits
 * (actions/checkout 7.0.0→7.0.1, upload-artifact 7.0.0→7.0.1, download-artifact 8.0.0→8.0.1); `ci.pins` in
 * `.image-manager.yml` overrides or extends them.
 */

export interface ActionPin {
  /** Full 40-hex commit SHA. */
  sha: string;
  /** The release the SHA belongs to, written as a trailing `# vX.Y.Z` comment for reviewers and Dependabot. */
  version?: string;
}

export const DEFAULT_ACTION_PINS: Readonly<Record<string, ActionPin>> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  'actions/upload-artifact': { sha: '043fb46d1a93c77aae656e7c1c64a875d1fc6a0a', version: 'v7.0.1' },
  'actions/download-artifact': { sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', version: 'v8.0.1' },
};

const PIN_PATTERN = /^([0-9a-f]{40})(?:\s*#\s*(\S.*?))?\s*$/;

/**
 * Parses a `ci.pins` value: `<40-hex sha>` optionally followed by `# <version>` (the config file has to quote it,
 * or YAML drops the comment). Returns undefined when the value is not a full SHA.
 */
export function parseActionPin(value: string): ActionPin | undefined {
  const match = PIN_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return match[2] ? { sha: match[1], version: match[2] } : { sha: match[1] };
}
