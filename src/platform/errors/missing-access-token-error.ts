import { ConfigurationError } from '../../client/errors/configuration-error';

/**
 * An organization or invitation call was made by a client without an access token (the JWT
 * from wallet sign-in). Thrown before any request is sent.
 *
 * @example
 * const auth = new HokusaiAuth({ baseUrl: 'http://localhost:8787' });
 * await auth.organizations.get(orgId).catch((error) => error instanceof MissingAccessTokenError); // true, nothing was sent
 * const signedIn = auth.withAccessToken(session.access_token); // this one can
 */
export class MissingAccessTokenError extends ConfigurationError {
  override readonly name: string = 'MissingAccessTokenError';

  constructor(operation: string) {
    super(
      `${operation} needs an access token: sign in (auth.signInWithEthereum) and use auth.withAccessToken(token), or pass accessToken to new HokusaiAuth()`,
    );
  }
}
