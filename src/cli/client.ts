import { ConfigurationError } from '../client';
import { HokusaiAuth } from '../platform/hokusai-auth';
import type { OptionValues } from './command';
import type { CliIo } from './io';
import { PRODUCTION_NOTICE } from './server-hints';
import { stringOption } from './options';
import { UsageError } from './usage-error';

// A command line wants an answer soon: retry, but never sit out a long Retry-After.
const MAX_RETRY_DELAY_MS = 5_000;

/**
 * The client, set up from `--url` / `--admin-token` / `--access-token` or `HOKUSAI_AUTH_URL` /
 * `HOKUSAI_ADMIN_TOKEN` / `HOKUSAI_ACCESS_TOKEN`. A bad URL is a usage error.
 *
 * @example
 * const keys = await clientFor(values, io, 'keys list').keys.list();
 */
export function clientFor(values: OptionValues, io: CliIo, command: string): HokusaiAuth {
  const { baseUrl, adminToken } = connectionOf(values, io);
  const accessToken = stringOption(values, 'access-token') ?? nonEmpty(io.env.HOKUSAI_ACCESS_TOKEN);
  if (baseUrl === undefined) io.stderr(PRODUCTION_NOTICE);
  try {
    return new HokusaiAuth({
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      // '' (an empty flag) means "no token", so the call fails with the missing-token message.
      adminToken: adminToken?.trim() ?? '',
      accessToken: accessToken?.trim() ?? '',
      maxRetryDelayMs: MAX_RETRY_DELAY_MS,
    });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      throw new UsageError(`Invalid --url / HOKUSAI_AUTH_URL: ${error.message.replace(/^baseUrl /, 'the URL ')}`, command);
    }
    throw error;
  }
}

/**
 * The URL and admin token a command was given: flags first, then `HOKUSAI_AUTH_URL` /
 * `HOKUSAI_ADMIN_TOKEN`; undefined when neither.
 *
 * @example
 * const { baseUrl, adminToken } = connectionOf(values, io);
 */
export function connectionOf(values: OptionValues, io: CliIo): { baseUrl: string | undefined; adminToken: string | undefined } {
  return {
    baseUrl: stringOption(values, 'url') ?? nonEmpty(io.env.HOKUSAI_AUTH_URL),
    adminToken: stringOption(values, 'admin-token') ?? nonEmpty(io.env.HOKUSAI_ADMIN_TOKEN),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
