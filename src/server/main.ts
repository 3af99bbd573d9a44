// `npm start`: runs the stub server on a TCP port until SIGINT/SIGTERM (see run-server.ts).
import { runServer } from './run-server';

runServer(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  commandName: 'npm start --',
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Could not start the server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
