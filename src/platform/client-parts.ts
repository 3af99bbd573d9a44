// What every namespace of the platform client calls through: the main client's transport
// (retries, timeouts, idempotency keys, typed redacted errors) and an openapi-fetch client.
import createClient from 'openapi-fetch';
import type { paths } from '../../generated/schema';
import type { ApiClient } from '../client/resources/api-client';
import { resolveConfig, type HokusaiAuthOptions } from '../client/config';
import type { ClientInternals } from '../client/internals';
import { Transport } from '../client/transport';

/** The transport and API client a namespace is built from. */
export interface ClientParts {
  api: ApiClient;
  transport: Transport;
}

/**
 * Builds the transport and API client from the same options as the main client, so a platform
 * call retries, times out and redacts exactly like `auth.keys.*`.
 *
 * @example
 * const { api, transport } = clientParts({ baseUrl: 'http://127.0.0.1:8787', adminToken });
 */
export function clientParts(options: HokusaiAuthOptions, internals: ClientInternals = {}): ClientParts {
  const config = resolveConfig(options);
  return { api: createClient<paths>({ baseUrl: config.baseUrl }), transport: new Transport(config, internals) };
}
