// Builds the ncc bundles in memory: one for the CLI, one per GitHub action. Shared by build-dist.js (writes them)
// and check-dist.js (compares them with the committed dist/), so both always agree on what dist/ should hold.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ncc = require('@vercel/ncc');

const ROOT = path.join(__dirname, '..');

/** dist/<name>/index.js ← src/<entry>. Actions are discovered from src/actions/<name>/index.ts. */
function entries() {
  const list = [{ name: 'cli', entry: 'src/cli/index.ts' }];
  const actionsDir = path.join(ROOT, 'src', 'actions');
  if (fs.existsSync(actionsDir)) {
    for (const name of fs.readdirSync(actionsDir).sort()) {
      const entry = path.join('src', 'actions', name, 'index.ts');
      if (fs.existsSync(path.join(ROOT, entry))) list.push({ name, entry });
    }
  }
  return list;
}

/** @returns {Promise<Map<string, Buffer>>} relative path inside dist/ → file content */
async function buildBundles() {
  const files = new Map();
  for (const { name, entry } of entries()) {
    const { code, assets } = await ncc(path.join(ROOT, entry), {
      minify: false,
      sourceMap: false,
      license: 'licenses.txt',
      quiet: true,
      // Source paths must not leak the build machine's layout into the bundle.
      cache: false,
    });
    files.set(`${name}/index.js`, Buffer.from(code));
    for (const [asset, { source }] of Object.entries(assets)) {
      files.set(`${name}/${asset}`, Buffer.isBuffer(source) ? source : Buffer.from(source));
    }
  }
  return files;
}

module.exports = { buildBundles, entries, ROOT };
