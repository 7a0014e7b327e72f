#!/usr/bin/env node
// Rebuilds dist/ (the committed ncc bundles). Run `npm run build` after changing src/ and commit dist/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { buildBundles, ROOT } = require('./dist-bundles');

(async () => {
  const files = await buildBundles();
  const dist = path.join(ROOT, 'dist');
  const temp = fs.mkdtempSync(path.join(ROOT, '.dist.new-'));
  for (const [rel, content] of files) {
    fs.mkdirSync(path.dirname(path.join(temp, rel)), { recursive: true });
    fs.writeFileSync(path.join(temp, rel), content);
  }
  fs.chmodSync(temp, 0o755);
  fs.chmodSync(path.join(temp, 'cli', 'index.js'), 0o755);
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(temp, dist);
  console.log(`dist/: ${files.size} files written`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
