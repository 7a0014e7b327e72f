#!/usr/bin/env node
// `npx image-manager` and `./bin/image-manager.js` from a checkout: runs the committed CLI bundle.
require('../dist/cli/index.js');
