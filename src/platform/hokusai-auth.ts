// The platform client: the main client plus one namespace per part of the platform API. This
// file only composes them; each namespace lives in its own file.
import { HokusaiAuth as HokusaiAuthBase } from '../client/hokusai-auth';
import type { ClientInternals } from '../client/internals';
import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import { adminResource, type AdminResource } from './admin';
import { clientParts } from './client-parts';
import { platformContext } from './context';
import { invitationsResource, type InvitationsResource } from './invitations';
import { metricsFunction, type MetricsFunction } from './metrics';
import type { PlatformOptions } from './options';
import { organizationsResource, type OrganizationsResource } from './organizations';
import { registrationResource, type RegistrationResource } from './registration';
import { signInWithEthereum, type EthereumSigner } from './sign-in';
import { siweResource, type SiweResource } from './siwe';
import { tokensResource, type TokensResource } from './tokens';
import type { SiweSession } from './types';

/**
 * The Hokusai auth client with the whole platform API: everything of the main entry's
 * `HokusaiAuth`, plus wallet sign-in, access tokens, organizations and invitations,
 * registration, its administration and metrics. Same options, retries, timeouts and redacted errors.
 *
 * @example
 * import { HokusaiAuth } from '@hokusai/auth/platform';
 *
 * const auth = new HokusaiAuth({ baseUrl: 'http://localhost:8787' });
 * const session = await auth.signInWithEthereum({ address, signMessage: (message) => wallet.signMessage(message) });
 * const me = auth.withAccessToken(session.access_token);
 * const org = await me.organizations.create({ name: 'Acme Research' });
 * for await (const key of me.organizations.keys.list(org.id)) console.log(key.key_prefix);
 * await auth.registration.submit({ organization_name: 'Acme AI Labs', contact_email: 'dev@acme.ai', contact_name: 'Jane Smith', use_case: 'Analytics' });
 */
export class HokusaiAuth extends HokusaiAuthBase {
  /** Sign-In with Ethereum, step by step. */
  declare readonly siwe: SiweResource;
  /** Access-token validation, for services. */
  declare readonly tokens: TokensResource;
  /** Organizations, members, invitations, keys and audit logs (needs the access token). */
  declare readonly organizations: OrganizationsResource;
  /** Accepting an invitation (needs the invitee's access token). */
  declare readonly invitations: InvitationsResource;
  /** Applying for access (public): submit, status, verifyEmail, claim, rateLimitStatus. */
  declare readonly registration: RegistrationResource;
  /** Operator tools (admin token): registrations, whitelist, bans. */
  declare readonly admin: AdminResource;
  /** `GET /metrics`: `auth.metrics()` for the JSON summary, `auth.metrics.text()` for Prometheus text. */
  declare readonly metrics: MetricsFunction;

  readonly #options: PlatformOptions;
  readonly #internals: ClientInternals;

  /**
   * @param options The main client's options plus `accessToken`, the JWT that organization and
   * invitation calls send.
   * @param internals Test seams (clock, sleep, randomness), as for the main client.
   *
   * @example
   * const auth = new HokusaiAuth({ baseUrl: 'http://localhost:8787', accessToken: process.env.HOKUSAI_ACCESS_TOKEN });
   */
  constructor(options: PlatformOptions = {}, internals: ClientInternals = {}) {
    super(options, internals);
    this.#options = options;
    this.#internals = internals;
    const context = platformContext(options, internals);
    this.siwe = siweResource(context);
    this.tokens = tokensResource(context);
    this.organizations = organizationsResource(context);
    this.invitations = invitationsResource(context);
    const parts = clientParts(options, internals);
    this.registration = registrationResource(parts);
    this.admin = adminResource(parts);
    this.metrics = metricsFunction(parts);
  }

  /**
   * Signs in with an Ethereum wallet: gets the challenge, has the wallet sign it with its own
   * `signMessage`, and returns the session with the access token. The wallet's own errors (the
   * user declined) reach you unchanged.
   *
   * @example
   * const session = await auth.signInWithEthereum({ address, signMessage: (message) => signer.signMessage(message) });
   * const me = auth.withAccessToken(session.access_token);
   */
  signInWithEthereum(wallet: EthereumSigner, options?: RequestOptions): Promise<SiweSession> {
    return signInWithEthereum(this.siwe, wallet, options);
  }

  /**
   * A client like this one (same URL, admin token, fetch, retries) that sends `accessToken`
   * with organization and invitation calls. This client is left as it is.
   *
   * @example
   * const me = auth.withAccessToken(session.access_token);
   * await me.organizations.get(orgId);
   */
  withAccessToken(accessToken: string): HokusaiAuth {
    requireId(accessToken, 'accessToken');
    return new HokusaiAuth({ ...this.#options, accessToken }, this.#internals);
  }
}
