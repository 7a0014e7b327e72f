/**
 * A tiny HTML template helper that escapes by construction (the proof of concept pasted values into its pages
 * unescaped, PoC B28). `markup` is a tagged template: every interpolated string is escaped unless it is itself the
 * result of `markup` (an `Html` value), so markup can only come from the template literals in this folder, never
 * from catalog, record or SBOM data. (It is not called `html` because prettier would reformat such templates as
 * embedded HTML and change the pages' whitespace.)
 */

/** Markup that is safe to emit as is. Only `markup` and `trustedHtml` create it. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: text (escaped), markup, lists of either; null, undefined and false render nothing. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') return String(value);
  return escapeHtml(value as string);
}

export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0];
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1];
  });
  return new Html(text);
}

/** For the constant stylesheet and script of this folder only: never pass data through it. */
export function trustedHtml(text: string): Html {
  return new Html(text);
}
