// Wallet sign-in and organizations through every way the stub is served: msw handlers (the
// request's host is the SIWE domain) and the Node TCP server (its Host header is), each
// answer checked against the spec.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHokusaiHandlers } from '../../../src/msw';
import { createApp } from '../../../src/server';
import { startServer } from '../../../src/server/node';
import { withContractCheck } from '../../support/contract';

const checkedFetch = withContractCheck((input, init) => fetch(input, init));
const post = (url: string, body: unknown, token?: string) =>
  checkedFetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

/** Signs the seed's wallet in against `base` with a wallet signer, as a browser app would. */
async function signInAt(base: string, wallet: { address: string; signMessage(message: string): Promise<string> }) {
  const challenge = (await (await post(`${base}/auth/siwe/challenge`, { wallet_address: wallet.address })).json()) as { message: string };
  expect(challenge.message.split('\n')[0]).toBe(`${new URL(base).host} wants you to sign in with your Ethereum account:`);
  const res = await post(`${base}/auth/siwe/verify`, { message: challenge.message, signature: await wallet.signMessage(challenge.message) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('through msw handlers', () => {
  const stub = createHokusaiHandlers({ baseUrl: 'https://auth.hokus.ai' });
  const server = setupServer(...stub.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('signs in, creates an organization and lists it', async () => {
    const token = await signInAt('https://auth.hokus.ai', stub.controls.wallet('alice'));
    expect((await post('https://auth.hokus.ai/api/v1/organizations', { name: 'Acme' }, token)).status).toBe(201);
    const mine = await checkedFetch('https://auth.hokus.ai/api/v1/organizations', { headers: { Authorization: `Bearer ${token}` } });
    expect(((await mine.json()) as { data: { name: string; role: string }[] }).data).toMatchObject([{ name: 'Acme', role: 'owner' }]);
  });
});

describe('over TCP', () => {
  it('signs in with the Host as the domain, and an organization key validates with its organization', async () => {
    const server = await startServer({ port: 0, adminToken: 'tcp-admin', quiet: true });
    try {
      // Dev wallets are the same in every app: one from a test kit signs for this server.
      const token = await signInAt(server.url, createApp({ testKit: true }).controls.wallet('alice'));
      const org = (await (await post(`${server.url}/api/v1/organizations`, { name: 'Acme' }, token)).json()) as { id: string };
      const created = await post(`${server.url}/api/v1/organizations/${org.id}/api-keys`, { name: 'k', service_id: 'prediction' }, token);
      const { api_key } = (await created.json()) as { api_key: string };
      const validation = await post(`${server.url}/api/v1/keys/validate`, { api_key });
      expect(await validation.json()).toMatchObject({ is_valid: true, organization_id: org.id });
    } finally {
      await server.close();
    }
  });
});
