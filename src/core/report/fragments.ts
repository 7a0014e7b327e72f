/** Small pieces of markup shared by the pages: badges, copyable values, test summaries, chip lists. */
import type { TestReport } from '../records/records';
import { type Html, markup } from './html';

export type Tone = 'ok' | 'bad' | 'none';

/** A coloured label that says its meaning in words too (colour is never the only signal). */
export function status(tone: Tone, text: string): Html {
  return markup`<span class="status status-${tone}">${text}</span>`;
}

export function badge(text: string): Html {
  return markup`<span class="badge">${text}</span>`;
}

/**
 * A value with a copy button. The whole value is in the <code> (CSS may shorten it on screen with an ellipsis),
 * so the text-selection fallback and the browser's find both see all of it.
 */
export function copyable(id: string, value: string, what: string, short = false): Html {
  const code = markup`<code id="${id}" title="${value}">${value}</code>`;
  const button = markup`<button type="button" data-copy="${id}" aria-label="Copy ${what}" hidden>Copy</button>`;
  return markup`<span class="copyable${short ? ' short' : ''}">${code}${button}</span>`;
}

export function chips(values: string[]): Html {
  if (values.length === 0) return none();
  return markup`<ul class="chips">${values.map((v) => markup`<li class="chip">${v}</li>`)}</ul>`;
}

/** The placeholder for "nothing here". */
export function none(): Html {
  return markup`<span class="note">–</span>`;
}

export function testSummary(report: TestReport): { tone: Tone; text: string } {
  const { passed, failed, errors, notRun } = report.summary;
  const parts: string[] = [];
  if (failed > 0) parts.push(`${failed} failed`);
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (passed > 0) parts.push(`${passed} passed`);
  if (notRun > 0) parts.push(`${notRun} not run`);
  const tone: Tone = failed + errors > 0 ? 'bad' : passed > 0 ? 'ok' : 'none';
  return { tone, text: parts.length > 0 ? parts.join(', ') : 'no tests ran' };
}

export function testStatus(report: TestReport): Html {
  const summary = testSummary(report);
  return status(summary.tone, summary.text);
}

export function packageCount(count: number): string {
  return `${count} ${count === 1 ? 'package' : 'packages'}`;
}

/** Ids must be unique per page and free of spaces; names are already restricted, this guards hand-edited input. */
export function idFor(...parts: string[]): string {
  return parts.join('-').replace(/\s+/g, '_');
}

/** Comma-separated links (or text) in one line. */
export function commaList(items: Html[]): Html {
  return markup`${items.map((item, i) => markup`${i > 0 ? ', ' : ''}${item}`)}`;
}
