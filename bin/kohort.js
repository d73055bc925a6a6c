#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm install` (the prepare script):
// dist/kohort-cli.js is the bundled CLI (faster to start), dist/cli/main.js the same
// code as separate modules.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/kohort-cli.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
