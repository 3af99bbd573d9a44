// How a failure reaches the user: a short message on stderr and the exit status.
import { ConfigurationError, HokusaiAuthError, MissingAdminTokenError } from '../client';
import { MissingAccessTokenError } from '../platform/errors/missing-access-token-error';
import type { CliIo } from './io';
import { BIN } from './help';
import { hintFor } from './server-hints';
import { UsageError } from './usage-error';

/** Exit status for an API error or an unreachable server. @example process.exitCode = EXIT_API_ERROR; */
export const EXIT_API_ERROR = 1;
/** Exit status for a wrong command line. @example process.exitCode = EXIT_USAGE; */
export const EXIT_USAGE = 2;

/** Writes `error` to stderr and returns the exit status it stands for. @example return reportError(error, io); // 1 or 2 */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const helpCommand = error.command ? `${BIN} ${error.command} --help` : `${BIN} --help`;
    io.stderr(`Error: ${error.message}\nRun '${helpCommand}' for usage.\n`);
    return EXIT_USAGE;
  }
  if (error instanceof MissingAdminTokenError) {
    io.stderr('Error: this command needs an admin token: set HOKUSAI_ADMIN_TOKEN or pass --admin-token <token>.\n');
    return EXIT_USAGE;
  }
  if (error instanceof MissingAccessTokenError) {
    io.stderr(
      'Error: this command needs an access token: sign in (hokusai-auth login), then set HOKUSAI_ACCESS_TOKEN or pass --access-token <jwt>.\n',
    );
    return EXIT_USAGE;
  }
  if (error instanceof ConfigurationError) {
    io.stderr(`Error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof HokusaiAuthError) {
    io.stderr(describeApiError(error) + hintFor(error, io));
    return EXIT_API_ERROR;
  }
  // A bug of this CLI, not of the call: keep it short, without a stack of internals.
  io.stderr(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_API_ERROR;
}

/** The server's `detail` (else the error's message), field problems, and the request id to quote. */
function describeApiError(error: HokusaiAuthError): string {
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  const lines = [`Error: ${error.detail ?? error.message}${status}`];
  for (const field of error.errors) lines.push(`  ${field.field}: ${field.message}`);
  if (error.requestId) lines.push(`Request ID: ${error.requestId}`);
  return `${lines.join('\n')}\n`;
}
