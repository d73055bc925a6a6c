#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built by `npm install` via the prepare script).
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
