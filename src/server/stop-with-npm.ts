// `npm start & PID=$!; …; kill $PID` signals npm, not the server, and npm exits without passing
// the signal on: the server would keep the port. Run by npm (npm start, npx), the server
// therefore stops when npm is gone, which shows as a new parent process.

/**
 * Calls `stop` once the process that npm started this one from has exited, when run by npm;
 * otherwise does nothing (a server started with `nohup … &` keeps running). Returns a cancel.
 *
 * @example
 * const cancel = whenNpmExits(process.env, () => server.close());
 */
export function whenNpmExits(env: Record<string, string | undefined>, stop: () => void, intervalMs = 200): () => void {
  if (env.npm_lifecycle_event === undefined && env.npm_command === undefined) return () => undefined;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
