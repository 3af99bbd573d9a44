// What every platform namespace is built from: the typed HTTP client and the main client's
// transport (retries, timeouts, idempotency, typed and redacted errors), plus the access token.
import createClient from 'openapi-fetch';
import type { paths } from '../../generated/schema';
import { resolveConfig } from '../client/config';
import type { ClientInternals } from '../client/internals';
import type { ApiClient } from '../client/resources/api-client';
import { Transport, type Operation } from '../client/transport';
import { MissingAccessTokenError } from './errors/missing-access-token-error';
import type { PlatformOptions } from './options';

/** The parts a namespace needs; built once per client. */
export interface PlatformContext {
  api: ApiClient;
  transport: Transport;
  /**
   * The operation of a call made with the access token: `Authorization: Bearer <jwt>`, the JWT
   * masked wherever a response could echo it. Throws `MissingAccessTokenError` without a token.
   */
  withToken(op: Omit<Operation, 'apiKey' | 'headers'>): Operation;
}

/** Builds the context of a client from its options (the same options the main client reads). */
export function platformContext(options: PlatformOptions, internals: ClientInternals = {}): PlatformContext {
  const config = resolveConfig(options);
  const accessToken = options.accessToken?.trim() || undefined;
  return {
    api: createClient<paths>({ baseUrl: config.baseUrl }),
    transport: new Transport(config, internals),
    withToken(op) {
      if (!accessToken) throw new MissingAccessTokenError(op.name);
      // `apiKey` is the transport's per-call secret: whatever it names is masked in every error.
      return { ...op, apiKey: accessToken, headers: { Authorization: `Bearer ${accessToken}` } };
    },
  };
}
