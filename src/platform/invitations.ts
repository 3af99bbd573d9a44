import type { RequestOptions } from '../client/request-options';
import type { PlatformContext } from './context';
import type { AcceptInvitationParams, InvitationAccepted } from './types';

/**
 * The invitee's side of invitations (`auth.invitations`).
 *
 * @example
 * await invitee.invitations.accept({ token });
 */
export interface InvitationsResource {
  /**
   * Joins the signed-in user to the organization of an invitation, with its role. The token
   * (from the invitation email) works once and for 7 days. Not retried: the first attempt that
   * arrives spends the token.
   *
   * @example
   * const invitee = auth.withAccessToken(session.access_token);
   * const membership = await invitee.invitations.accept({ token: tokenFromEmail });
   */
  accept(params: AcceptInvitationParams, options?: RequestOptions): Promise<InvitationAccepted>;
}

/** Builds `auth.invitations`. */
export function invitationsResource({ api, transport, withToken }: PlatformContext): InvitationsResource {
  return {
    accept: async (params, options) =>
      transport.data(withToken({ name: 'invitations.accept', method: 'POST' }), options, (init) =>
        api.POST('/api/v1/invitations/accept', { ...init, body: params }),
      ),
  };
}
