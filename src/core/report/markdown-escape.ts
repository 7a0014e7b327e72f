/**
 * Escaping for text inside a GitHub/GitLab markdown table cell. Every ASCII punctuation character with an inline
 * meaning is backslash-escaped (CommonMark allows that for any ASCII punctuation): `|` would end the cell, `<` and
 * `&` would start HTML or an entity, `` ` *_~[] `` would start formatting or links, `$` math on GitHub, `#` and `!`
 * references on GitLab. A line break would end the row, so it becomes a space.
 */
const SPECIAL = /[\\`*_[\]<>#!|~$&]/g;

export function escapeMarkdownCell(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(SPECIAL, (c) => `\\${c}`);
}

/** A code span, only for values that cannot break out of one (a digest); anything else is escaped text. */
export function markdownCode(text: string): string {
  return /^[A-Za-z0-9:._+…-]+$/.test(text) ? `\`${text}\`` : escapeMarkdownCell(text);
}
