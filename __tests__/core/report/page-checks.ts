/**
 * Checks run inside a loaded page. The in-page code lives in in-page/*.js and is evaluated as a string: the project
 * compiles without the DOM library, and a function passed to page.evaluate would carry any coverage counters
 * jest adds into the browser, where they do not exist.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

function inPage<T>(name: string): (page: Page) => Promise<T> {
  const source = readFileSync(path.join(__dirname, 'in-page', `${name}.js`), 'utf8');
  return (page) => page.evaluate(source) as Promise<T>;
}

/** Landmarks, heading order, labels and names: each problem as a sentence. */
export const accessibilityProblems = inPage<string[]>('accessibility-problems');

/** Text and input borders with too little contrast against what is behind them. */
export const contrastProblems = inPage<string[]>('contrast-problems');

export interface LinkSurvey {
  links: Array<{ raw: string; resolved: string }>;
  ids: string[];
  external: string[];
}
export const linkSurvey = inPage<LinkSurvey>('link-survey');

export const focusedElement = inPage<{ text: string; outline: string; width: string; top: number }>('focused-element');

/** True when the page itself scrolls sideways (a phone user would have to pan). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  )) as boolean;
}
