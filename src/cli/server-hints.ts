// What the CLI says about the server it talks to: production when nothing else is set (said
// before the call), and how to get a local server when the one it tried does not answer.
import { APIConnectionError } from '../client';
import type { CliIo } from './io';

const PRODUCTION_URL = 'https://auth.hokus.ai';

/**
 * Printed before a call when neither `--url` nor `HOKUSAI_AUTH_URL` is set.
 *
 * @example
 * if (baseUrl === undefined) io.stderr(PRODUCTION_NOTICE);
 */
export const PRODUCTION_NOTICE =
  `Talking to production, ${PRODUCTION_URL} (HOKUSAI_AUTH_URL is not set; use it or --url for another server, e.g. the local one: http://127.0.0.1:8787).\n`;

/**
 * Extra lines for an error, when there is something to do about it: for a server that cannot
 * be reached, how to start the local one and point the CLI at it.
 *
 * @example
 * io.stderr(hintFor(error)); // '' or 'Is the server running? …'
 */
export function hintFor(error: unknown, io: Pick<CliIo, 'env'>): string {
  if (!(error instanceof APIConnectionError)) return '';
  const where = io.env.HOKUSAI_AUTH_URL?.trim() ? 'HOKUSAI_AUTH_URL' : '--url';
  return (
    'Is the server running? Start the local one with `npx hokusai-auth mock` (or `npm start` in a clone of @hokusai/auth),\n' +
    `then point ${where} at the URL it prints (default http://127.0.0.1:8787).\n`
  );
}
