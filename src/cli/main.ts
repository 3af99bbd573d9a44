#!/usr/bin/env node
// The `hokusai-auth` executable. Exit status: 0 success, 1 API error (or a key that is not
// valid), 2 usage error. See `hokusai-auth --help`.
import { processIo, secretsIn } from './io';
import { runCli } from './run';

const argv = process.argv.slice(2);
const io = processIo(secretsIn(argv, process.env));

// `hokusai-auth keys list | head -1`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// exitCode rather than process.exit(): output still being written to a pipe is not cut off.
void runCli(argv, io).then((code) => {
  process.exitCode = code;
});
