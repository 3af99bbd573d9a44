// Organizations and wallet sign-in with the TypeScript SDK: two users sign in with their
// wallets, one creates an organization and invites the other, who joins as a developer and
// creates an organization API key; then the roles at work and the audit log. Against the local
// server with its test controls (its dev wallets sign, its outbox holds the invitation mail):
//
//   npm start -- --memory --test-controls          # prints the base URL and an admin token
//   HOKUSAI_AUTH_URL=http://127.0.0.1:8787 HOKUSAI_ADMIN_TOKEN=<token> npx tsx examples/organization-keys.ts
import { HokusaiAuth, HokusaiAuthError, PermissionDeniedError, type EthereumSigner } from '@hokusai/auth/platform';

// Reads HOKUSAI_AUTH_URL and HOKUSAI_ADMIN_TOKEN from the environment.
const auth = new HokusaiAuth();
const controls = `${auth.baseUrl}/__hokusai`;
const adminHeaders = { Authorization: `Bearer ${process.env.HOKUSAI_ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

/** POSTs to a test control of the local server. */
async function control<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${controls}${path}`, { method: 'POST', headers: adminHeaders, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A wallet: its address and its own signMessage. In an app that is the user's wallet (viem,
 * ethers, window.ethereum); here the local server's dev wallet of `seed` signs.
 */
async function devWallet(seed: string): Promise<EthereumSigner> {
  const { address } = await control<{ address: string }>('/wallets', { seed });
  return { address, signMessage: async (message) => (await control<{ signature: string }>('/wallets/sign', { seed, message })).signature };
}

/** The invitation token from the newest mail to `email` in the local server's outbox. */
async function invitationTokenFor(email: string): Promise<string> {
  const mails = (await (await fetch(`${controls}/outbox`, { headers: adminHeaders })).json()) as { to: string; links: string[] }[];
  const link = mails.filter((mail) => mail.to === email).at(-1)?.links[0];
  return new URL(link ?? 'missing:').searchParams.get('token') ?? '';
}

try {
  // 1. Alice signs in with her wallet and creates an organization: she is its owner.
  const alice = await auth.signInWithEthereum(await devWallet('alice'));
  console.log(`Alice signed in as ${alice.wallet_address} (new user: ${alice.is_new_user})`);
  const asAlice = auth.withAccessToken(alice.access_token);
  const org = await asAlice.organizations.create({ name: 'Acme Research', description: 'Models for the Acme data team' });
  console.log(`Organization: ${org.name} (${org.id})`);

  // 2. She invites Bob as a developer; the token reaches him by email (here: the outbox).
  await asAlice.organizations.invitations.create(org.id, { email: 'bob@example.com', role: 'developer' });
  const bob = await auth.signInWithEthereum(await devWallet('bob'));
  const asBob = auth.withAccessToken(bob.access_token);
  const { member } = await asBob.invitations.accept({ token: await invitationTokenFor('bob@example.com') });
  console.log(`Bob joined as ${member.role}`);

  // 3. Bob creates an organization key: an ordinary API key that also names its organization.
  const { api_key, key_info } = await asBob.organizations.keys.create(org.id, {
    name: 'Team Prediction Key',
    service_id: 'prediction',
    scopes: ['predict'],
    environment: 'test',
  });
  const check = await auth.validate(api_key, { service_id: 'prediction' });
  console.log(`${key_info.key_prefix} valid: ${check.is_valid}, organization: ${check.is_valid ? check.organization_id : '-'}`);
  const alicesKey = await asAlice.organizations.keys.create(org.id, { name: 'Owner Key', service_id: 'platform', environment: 'test' });

  // 4. Every member lists the keys, page by page as the loop asks (never the full keys).
  for await (const key of asBob.organizations.keys.list(org.id, { limit: 1 })) {
    console.log(`Key: ${key.name} ${key.key_prefix} by ${key.created_by === alice.user_id ? 'Alice' : 'Bob'}`);
  }

  // 5. Roles at work: a developer revokes only the keys it created.
  try {
    await asBob.organizations.keys.revoke(org.id, alicesKey.key_info.key_id);
  } catch (error) {
    if (!(error instanceof PermissionDeniedError)) throw error;
    console.log(`Bob may not revoke Alice's key: ${error.detail}`);
  }
  await asBob.organizations.keys.revoke(org.id, key_info.key_id);

  // 6. The audit log (admins and owners): every change, newest first.
  const actions: string[] = [];
  for await (const entry of asAlice.organizations.auditLogs.list(org.id)) actions.push(entry.action);
  console.log(`Audit log: ${actions.join(', ')}`);
} catch (error) {
  // SDK errors never contain an access token, API key or admin token, so they are safe to print.
  console.error(error instanceof HokusaiAuthError ? `Hokusai auth error: ${error.message}` : error);
  process.exit(1);
}
