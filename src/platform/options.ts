import type { HokusaiAuthOptions } from '../client/config';

/**
 * Settings of the platform client: those of the main `HokusaiAuth`, plus the access token (the
 * JWT from wallet sign-in) that organization and invitation calls send as `Authorization: Bearer`.
 *
 * @example
 * const auth = new HokusaiAuth({ baseUrl: 'http://localhost:8787', accessToken: session.access_token });
 */
export interface PlatformOptions extends HokusaiAuthOptions {
  /** JWT of a signed-in user (`access_token` of `auth.siwe.verify` / `auth.signInWithEthereum`). */
  accessToken?: string;
}
