/**
 * Headless Debian Chromium driven by playwright-core (environment.md §7). The flags keep it off the network this
 * machine does not have. Without Chromium the browser tests fail with how to install it, never skip.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get install chromium\` (or \`bash scripts/install-deps.sh\`), ` +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}
