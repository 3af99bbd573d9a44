// Wallet sign-in in a real headless Chromium: the built platform SDK signs in through an
// injected-wallet stub (an EIP-1193 `window.ethereum` whose personal_sign is a test-kit dev
// wallet), answered by the msw handlers inside the page; then organization calls with the token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FULL_API_KEY } from './built-package';
import { MswPage } from './msw-page';

/** What the page reports: facts, never a token or a key. */
interface PageResult {
  failed?: string;
  walletCalls: string[];
  signedMessageNamesAddress: boolean;
  session: { tokenType: string; isNewUser: boolean; sameAddress: boolean };
  tokenValid: boolean;
  org: { name: string; role: string };
  keyOrganization: boolean;
  listed: string[];
  denied: { isPermissionDenied: boolean; status: number; detail: string; mentionsToken: boolean };
  declined: { sameError: boolean; verifyCalls: number };
}

const page = new MswPage();
let result: PageResult;
let rawResult: string;
let setupError: unknown;

beforeAll(async () => {
  try {
    // The 403 of the role check is expected; any other failing response is reported.
    result = await page.run<PageResult>({ entries: ['platform/index.js'], script: PAGE_SCRIPT, title: 'Wallet sign-in in a browser', expectedStatuses: [403] });
    rawResult = JSON.stringify(result);
  } catch (error) {
    setupError = error;
  }
});

afterAll(() => page.close());

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

const PAGE_SCRIPT = `
import { setupWorker } from 'msw/browser';
import { createHokusaiHandlers } from '/dist/msw/index.js';
import { HokusaiAuth, PermissionDeniedError } from '/dist/platform/index.js';

const report = { walletCalls: [] };
try {
  const hokusai = createHokusaiHandlers();
  const worker = setupWorker(...hokusai.handlers);
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });
  let verifyCalls = 0;
  worker.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname === '/auth/siwe/verify') verifyCalls++;
  });

  // The signer stub: an injected wallet (EIP-1193) as a dapp sees it; the test kit's dev wallet
  // holds the key. The SDK only ever gets the wallet's own signMessage.
  const devWallet = hokusai.controls.wallet('browser-user');
  let declineNext = false;
  const ethereum = {
    async request({ method, params }) {
      report.walletCalls.push(method);
      if (method === 'eth_requestAccounts') return [devWallet.address];
      if (method === 'personal_sign') {
        if (declineNext) throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
        report.signedMessageNamesAddress = params[0].includes(devWallet.address) && params[1] === devWallet.address;
        return devWallet.signMessage(params[0]);
      }
      throw new Error('unsupported method ' + method);
    },
  };
  window.ethereum = ethereum;

  const auth = new HokusaiAuth({ maxRetries: 0 });
  const [address] = await window.ethereum.request({ method: 'eth_requestAccounts' });
  const wallet = { address, signMessage: (message) => window.ethereum.request({ method: 'personal_sign', params: [message, address] }) };
  const session = await auth.signInWithEthereum(wallet);
  report.session = { tokenType: session.token_type, isNewUser: session.is_new_user, sameAddress: session.wallet_address === address };
  report.tokenValid = (await auth.tokens.validate(session.access_token, { service: 'prediction' })).valid;

  const me = auth.withAccessToken(session.access_token);
  const org = await me.organizations.create({ name: 'Browser Org' });
  const [membership] = await me.organizations.list().toArray();
  report.org = { name: membership.name, role: membership.role };
  const { key_info } = await me.organizations.keys.create(org.id, { name: 'Browser key', service_id: 'prediction', environment: 'test' });
  report.keyOrganization = key_info.organization_id === org.id;
  report.listed = [];
  for await (const key of me.organizations.keys.list(org.id)) report.listed.push(key.name);

  // A viewer (another dev wallet, invited) meets the role check as a typed error.
  await me.organizations.invitations.create(org.id, { email: 'viewer@example.com', role: 'viewer' });
  const token = new URL(hokusai.controls.outbox().at(-1).links[0]).searchParams.get('token');
  const viewerSession = await auth.signInWithEthereum(hokusai.controls.wallet('browser-viewer'));
  const viewer = auth.withAccessToken(viewerSession.access_token);
  await viewer.invitations.accept({ token });
  try {
    await viewer.organizations.keys.create(org.id, { name: 'Not allowed', service_id: 'prediction' });
  } catch (error) {
    const text = String(error) + JSON.stringify(error);
    report.denied = {
      isPermissionDenied: error instanceof PermissionDeniedError,
      status: error.status,
      detail: error.detail,
      mentionsToken: text.includes(viewerSession.access_token) || text.includes(session.access_token),
    };
  }

  // The user declines to sign: the wallet's own error comes back, nothing is verified.
  declineNext = true;
  const verifiedBefore = verifyCalls;
  const declined = await auth.signInWithEthereum(wallet).catch((error) => error);
  report.declined = { sameError: declined?.code === 4001 && declined.message === 'User rejected the request.', verifyCalls: verifyCalls - verifiedBefore };
} catch (error) {
  report.failed = String((error && error.stack) || error);
}
window.__result = report;
`;

describe('wallet sign-in in headless Chromium (built platform SDK, msw handlers, injected-wallet stub)', () => {
  it("signs in with the wallet's own signMessage: one personal_sign of a message naming the address", () => {
    expect(result.walletCalls.slice(0, 2)).toEqual(['eth_requestAccounts', 'personal_sign']);
    expect(result.signedMessageNamesAddress).toBe(true);
    expect(result.session).toEqual({ tokenType: 'bearer', isNewUser: true, sameAddress: true });
    expect(result.tokenValid).toBe(true);
  });

  it('uses the token for organization calls and lists keys with for await', () => {
    expect(result.org).toEqual({ name: 'Browser Org', role: 'owner' });
    expect(result.keyOrganization).toBe(true);
    expect(result.listed).toEqual(['Browser key']);
  });

  it('a role too low is a PermissionDeniedError without the token in it', () => {
    expect(result.denied).toEqual({ isPermissionDenied: true, status: 403, detail: 'Insufficient permissions', mentionsToken: false });
  });

  it("passes the wallet's refusal on unchanged and verifies nothing", () => {
    expect(result.declined).toEqual({ sameError: true, verifyCalls: 0 });
  });

  it('reports no token or key', () => {
    expect(rawResult).not.toMatch(FULL_API_KEY);
    expect(rawResult).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });
});
