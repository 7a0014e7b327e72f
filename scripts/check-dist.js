#!/usr/bin/env node
// Fails when the committed dist/ differs from what the sources build: a stale bundle would ship old behaviour.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { buildBundles, ROOT } = require('./dist-bundles');

function listFiles(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

(async () => {
  const expected = await buildBundles();
  const dist = path.join(ROOT, 'dist');
  const actual = new Set(listFiles(dist));
  const problems = [];
  for (const [rel, content] of expected) {
    if (!actual.has(rel)) problems.push(`missing: dist/${rel}`);
    else if (!fs.readFileSync(path.join(dist, rel)).equals(content)) problems.push(`stale: dist/${rel}`);
    actual.delete(rel);
  }
  for (const rel of actual) problems.push(`unexpected: dist/${rel}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error('dist/ does not match the sources: run `npm run build` and commit dist/.');
    process.exit(1);
  }
  console.log(`dist/ is fresh (${expected.size} files)`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
