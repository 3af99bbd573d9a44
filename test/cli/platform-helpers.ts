// Helpers of the sign-in and organization CLI tests: local private keys (dev/test wallets),
// `login --json` to get an access token, and the invitation token from the server's outbox.
import { privateKeyToAccount } from 'viem/accounts';
import { runCli, type Stub } from './helpers';

/** Two fixed private keys, as a developer would keep for local tests. */
export const OWNER_KEY = `0x${'11'.repeat(32)}`;
export const MEMBER_KEY = `0x${'22'.repeat(32)}`;
export const OWNER_ADDRESS = privateKeyToAccount(OWNER_KEY as `0x${string}`).address;
export const MEMBER_ADDRESS = privateKeyToAccount(MEMBER_KEY as `0x${string}`).address;

export interface Login {
  access_token: string;
  user_id: string;
  wallet_address: string;
  is_new_user: boolean;
}

/** `hokusai-auth login --private-key-env DEV_WALLET_KEY --json` with `privateKey`: the session. */
export async function login(stub: Stub, privateKey: string): Promise<Login> {
  const result = await runCli(['login', '--private-key-env', 'DEV_WALLET_KEY', '--json'], { ...stub.env, DEV_WALLET_KEY: privateKey });
  if (result.code !== 0) throw new Error(`login exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Login;
}

/** The environment of a signed-in user's orgs commands. */
export function asUser(stub: Stub, session: Login): Record<string, string> {
  return { HOKUSAI_AUTH_URL: stub.env.HOKUSAI_AUTH_URL!, HOKUSAI_ACCESS_TOKEN: session.access_token };
}

/** The invitation token of the newest mail to `email` in the server's outbox. */
export function invitationToken(stub: Stub, email: string): string {
  const mail = stub.server.app.controls!.outbox().filter((m) => m.to === email).at(-1);
  const token = mail && new URL(mail.links[0]!).searchParams.get('token');
  if (!token) throw new Error(`no invitation mail to ${email}`);
  return token;
}
