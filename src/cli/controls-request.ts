// Calls to a local stub server's test controls (`/__hokusai/...`, admin token), for the
// commands that read or change what only a local server has: balances, the outbox.
import { APIConnectionError } from '../client/errors/api-connection-error';
import { errorFromResponse } from '../client/errors/error-from-response';
import { connectionOf } from './client';
import type { OptionValues } from './command';
import type { CliIo } from './io';
import { UsageError } from './usage-error';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEFAULT_LOCAL_URL = 'http://127.0.0.1:8787';

/** One call to the test controls. @example const call: ControlsCall = { path: 'outbox', what: 'No outbox here' }; */
export interface ControlsCall {
  /** Under `/__hokusai/`, already encoded, e.g. `balances/admin`. */
  path: string;
  /** A JSON body makes it a POST, which only a server on this machine may get. */
  body?: unknown;
  /** The `detail` shown for a 404: what this server lacks. */
  notFound: string;
}

/**
 * Sends `call` to the server of `--url` / `HOKUSAI_AUTH_URL` (default the local one) and
 * returns its JSON. A 404 means the server has no test controls: the error says so.
 *
 * @example
 * const mails = await controlsRequest(values, io, 'outbox', { path: 'outbox', notFound: 'No outbox here' });
 */
export async function controlsRequest<T>(values: OptionValues, io: CliIo, command: string, call: ControlsCall): Promise<T> {
  const { baseUrl, adminToken } = connectionOf(values, io);
  let url: URL;
  try {
    url = new URL(`__hokusai/${call.path}`, `${(baseUrl ?? DEFAULT_LOCAL_URL).replace(/\/+$/, '')}/`);
  } catch {
    throw new UsageError('Invalid --url / HOKUSAI_AUTH_URL: the URL must be an absolute http(s) URL', command);
  }
  const change = call.body !== undefined;
  if (change && !LOCAL_HOSTS.has(url.hostname)) {
    throw new UsageError(`${command} works only against a local server (localhost, 127.0.0.1, [::1]), not ${url.host}`, command);
  }
  if (!adminToken) throw new UsageError('This command needs an admin token: set HOKUSAI_ADMIN_TOKEN or pass --admin-token <token>.', command);
  let response: Response;
  try {
    response = await fetch(url, {
      method: change ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${adminToken}`, ...(change ? { 'Content-Type': 'application/json' } : {}) },
      ...(change ? { body: JSON.stringify(call.body) } : {}),
    });
  } catch (cause) {
    throw new APIConnectionError(`Connection error: could not reach ${url.origin}`, { cause });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 404) {
    throw errorFromResponse({ status: 404, headers: response.headers, body: { detail: call.notFound }, secrets: [adminToken] });
  }
  if (!response.ok) {
    throw errorFromResponse({ status: response.status, statusText: response.statusText, headers: response.headers, body, secrets: [adminToken] });
  }
  return body as T;
}
