#!/usr/bin/env node
require('../dist/node/server/cli.js').main(process.argv.slice(2));
