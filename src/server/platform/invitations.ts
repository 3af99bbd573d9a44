import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { EngineError } from '../engine/errors';
import type { EngineContext } from '../engine/context';
import { DAY_MS, floorToSecond } from '../engine/time';
import { randomUuid } from '../engine/uuid';
import type { MemberRole, StoredInvitation } from '../store/platform-types';
import { randomSecretHex } from '../store/random-secret';
import { audit } from './audit';
import { requireUuid } from './ids';
import { pageRequest, toPage } from './pages';
import type { PageQuery } from './pages';
import { insufficientPermissions, requireRole } from './roles';
import type { AuthenticatedUser, Invitation, InvitationAccepted, Page, RequestOrigin } from './types';
import { toInvitation, toMember, toOrganization } from './views';

/** How long an invitation can be accepted. */
export const INVITATION_LIFETIME_MS = 7 * DAY_MS;
/** Where an accepted invitation is sent. */
export const ACCEPT_PATH = '/api/v1/invitations/accept';

/**
 * Where invitation mails go: the server's outbox.
 *
 * @example
 * const mailer: Mailer = { send: (mail) => outbox.send(mail) };
 */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string; links: string[] }): unknown;
}

/**
 * Invites `email` with a role (admin or owner; only an owner invites an owner). The token goes
 * only into the mail; the store keeps its hash.
 */
export function createInvitation(
  ctx: EngineContext,
  mailer: Mailer,
  user: AuthenticatedUser,
  organizationId: string,
  body: { email: string; role: MemberRole },
  origin: RequestOrigin,
): Invitation {
  const { org, member } = requireRole(ctx, user, organizationId, 'createInvitation');
  if (body.role === 'owner' && member.role !== 'owner') throw insufficientPermissions();
  const now = floorToSecond(ctx.clock.now());
  const token = `inv_${randomSecretHex(24)}`;
  const invitation = ctx.store.platform.insertInvitation({
    id: randomUuid(),
    organization_id: org.id,
    email: body.email,
    role: body.role,
    token_hash: tokenHash(token),
    state: 'pending',
    invited_by: user.user_id,
    created_at: now,
    expires_at: now + INVITATION_LIFETIME_MS,
  });
  const link = `${origin.origin}${ACCEPT_PATH}?token=${token}`;
  mailer.send({
    to: body.email,
    subject: `You are invited to join ${org.name} on Hokusai`,
    text:
      `You are invited to join the organization "${org.name}" as ${body.role}.\n\n` +
      `Sign in with your wallet, then accept within 7 days by sending\n` +
      `POST ${origin.origin}${ACCEPT_PATH} {"token": "${token}"}\n\nInvitation token: ${token}\n`,
    links: [link],
  });
  audit(ctx, {
    organizationId: org.id,
    actor: user.user_id,
    action: 'invitation.created',
    target: ['invitation', invitation.id],
    details: { email: body.email, role: body.role },
  });
  return toInvitation(invitation, now);
}

/** Pending invitations, oldest first (admin or owner). */
export function listInvitations(ctx: EngineContext, user: AuthenticatedUser, organizationId: string, query: PageQuery = {}): Page<Invitation> {
  const { org } = requireRole(ctx, user, organizationId, 'listInvitations');
  const request = pageRequest(query);
  const now = ctx.clock.now();
  return toPage(ctx.store.platform.listPendingInvitations(org.id, now, request), request, (row) => toInvitation(row, now));
}

/** Revokes a pending invitation (admin or owner). */
export function revokeInvitation(ctx: EngineContext, user: AuthenticatedUser, organizationId: string, invitationId: string): { message: string } {
  const { org } = requireRole(ctx, user, organizationId, 'revokeInvitation');
  const invitation = ctx.store.platform.findInvitation(requireUuid(invitationId, 'invitation_id'));
  if (!invitation || invitation.organization_id !== org.id || !ctx.store.platform.setInvitationState(invitation.id, 'pending', 'revoked')) {
    throw invitationNotFound();
  }
  audit(ctx, { organizationId: org.id, actor: user.user_id, action: 'invitation.revoked', target: ['invitation', invitation.id], details: { email: invitation.email } });
  return { message: 'Invitation revoked successfully' };
}

/**
 * Joins the signed-in user to the invitation's organization with its role and uses the token
 * up: unknown or revoked → 404; used, expired, or already a member → 409.
 */
export function acceptInvitation(ctx: EngineContext, user: AuthenticatedUser, body: { token: string }): InvitationAccepted {
  const invitation = ctx.store.platform.findInvitationByTokenHash(tokenHash(body.token));
  const org = invitation && ctx.store.platform.findOrganization(invitation.organization_id);
  if (!invitation || !org || invitation.state === 'revoked') throw invitationNotFound();
  if (invitation.state === 'accepted') throw new EngineError('conflict', 'Invitation already used');
  const now = floorToSecond(ctx.clock.now());
  if (ctx.clock.now() >= invitation.expires_at) throw new EngineError('conflict', 'Invitation expired');
  if (ctx.store.platform.findMember(org.id, user.user_id)) throw new EngineError('conflict', 'Already a member of this organization');
  if (!ctx.store.platform.setInvitationState(invitation.id, 'pending', 'accepted')) throw new EngineError('conflict', 'Invitation already used');
  const member = ctx.store.platform.insertMember({ organization_id: org.id, user_id: user.user_id, role: invitation.role, joined_at: now });
  recordAcceptance(ctx, user, invitation);
  return { organization: toOrganization(org), member: toMember(ctx, member) };
}

function recordAcceptance(ctx: EngineContext, user: AuthenticatedUser, invitation: StoredInvitation): void {
  const base = { organizationId: invitation.organization_id, actor: user.user_id };
  audit(ctx, { ...base, action: 'invitation.accepted', target: ['invitation', invitation.id], details: { email: invitation.email } });
  audit(ctx, { ...base, action: 'member.added', target: ['member', user.user_id], details: { role: invitation.role, invitation_id: invitation.id } });
}

function tokenHash(token: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(token)));
}

function invitationNotFound(): EngineError {
  return new EngineError('not_found', 'Invitation not found');
}
