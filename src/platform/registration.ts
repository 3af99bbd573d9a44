import type { RequestOptions } from '../client/request-options';
import { requireId } from '../client/resources/require-id';
import type { ClientParts } from './client-parts';
import type {
  RegistrationClaimed,
  RegistrationCreated,
  RegistrationRateLimitStatus,
  RegistrationRequest,
  RegistrationStatusAnswer,
} from './types';

/**
 * Applying for API access (`auth.registration`): public, no admin token. An application goes
 * `pending_email_verification` → `email_verified` → `pending_approval` → `approved` | `rejected`;
 * approval mails a single-use claim link for the new production key.
 *
 * @example
 * const { id, status, next_step } = await auth.registration.submit({
 *   organization_name: 'Acme AI Labs',
 *   contact_email: 'dev@acme.ai',
 *   contact_name: 'Jane Smith',
 *   use_case: 'Integrating Hokusai predictions into our analytics platform',
 * });
 */
export interface RegistrationResource {
  /**
   * Submits an application; a verification mail goes to `contact_email`. Not retried (it
   * creates an application). A field that breaks the rules → `BadRequestError` naming it in
   * `errors`; an application already in progress → `ConflictError`; over a rate limit or
   * banned → `RateLimitError` with `retryAfterMs`.
   *
   * @example
   * const registration = await auth.registration.submit({ organization_name: 'Acme AI Labs', contact_email: 'dev@acme.ai', contact_name: 'Jane Smith', use_case: 'Analytics' });
   * console.log(registration.status); // 'pending_email_verification'
   */
  submit(application: RegistrationRequest, options?: RequestOptions): Promise<RegistrationCreated>;

  /**
   * The status of the latest application made with `email`. An unknown and a malformed email
   * give the same `NotFoundError`, so nobody can probe who applied.
   *
   * @example
   * const { status } = await auth.registration.status('dev@acme.ai'); // 'pending_approval'
   */
  status(email: string, options?: RequestOptions): Promise<RegistrationStatusAnswer>;

  /**
   * Confirms the email with the token of the verification mail's link; the answer shows the
   * application screened and `pending_approval`. An unknown token → `BadRequestError`; a used or
   * expired one → `HokusaiAuthError` with `status` 410. Not retried: the token works once.
   *
   * @example
   * const { status } = await auth.registration.verifyEmail(tokenFromTheMail); // 'pending_approval'
   */
  verifyEmail(token: string, options?: RequestOptions): Promise<RegistrationStatusAnswer>;

  /**
   * Exchanges the welcome mail's claim token for the new production API key, shown only in
   * this answer. A second claim fails with `status` 410. Not retried: a retry after a lost
   * answer would find the link used.
   *
   * @example
   * const { api_key, organization_id } = await auth.registration.claim(claimToken);
   */
  claim(token: string, options?: RequestOptions): Promise<RegistrationClaimed>;

  /**
   * How the per-IP, per-domain (for `email`'s domain) and global submission limits stand for
   * the caller, and whether its IP is banned or whitelisted. Counts against nothing.
   *
   * @example
   * const { allowed, retry_after, ip } = await auth.registration.rateLimitStatus('dev@acme.ai');
   */
  rateLimitStatus(email?: string, options?: RequestOptions): Promise<RegistrationRateLimitStatus>;
}

/** Builds `auth.registration`. */
export function registrationResource({ api, transport }: ClientParts): RegistrationResource {
  // The single-use tokens are masked like an API key in any error that echoes them.
  const withToken = (name: string, path: '/registration/verify-email' | '/registration/claim') => async (token: string, options?: RequestOptions) => {
    const body = { token: requireId(token, 'token') };
    return transport.data({ name, method: 'POST', apiKey: token }, options, (init) => api.POST(path, { ...init, body }));
  };
  return {
    // The server answers a form post with HTML; a JSON body (and this Accept) gets JSON.
    submit: async (body, options) =>
      transport.data({ name: 'registration.submit', method: 'POST', headers: { Accept: 'application/json' } }, options, (init) =>
        api.POST('/register', { ...init, body }),
      ) as Promise<RegistrationCreated>,
    status: async (email, options) => {
      const body = { email: requireId(email, 'email') };
      return transport.data({ name: 'registration.status', method: 'POST', safe: true }, options, (init) =>
        api.POST('/registration/status', { ...init, body }),
      );
    },
    verifyEmail: withToken('registration.verifyEmail', '/registration/verify-email') as RegistrationResource['verifyEmail'],
    claim: withToken('registration.claim', '/registration/claim') as RegistrationResource['claim'],
    rateLimitStatus: async (email, options) => {
      const query = email === undefined ? {} : { email };
      return transport.data({ name: 'registration.rateLimitStatus', method: 'GET' }, options, (init) =>
        api.GET('/register/rate-limit-status', { ...init, params: { query } }),
      );
    },
  };
}
