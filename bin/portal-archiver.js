#!/usr/bin/env node
// The only place in the project that ends the process: main() returns an exit code.
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`portal-archiver: internal error: ${err?.message ?? err}\n`);
    process.exit(70);
  },
);
