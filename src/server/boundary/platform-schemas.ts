// What the wallet sign-in, token and organization routes accept, from the schemas generated
// from the spec. Bodies the spec marks `additionalProperties: false` get `.strict()` (the
// generator does not carry it over); page limits arrive as query text and are read as integers.
import * as z from 'zod';
import {
  zAcceptInvitationBody,
  zCreateApiKeyRequest,
  zCreateInvitationBody,
  zCreateInvitationPath,
  zCreateOrganizationApiKeyPath,
  zCreateOrganizationBody,
  zDeleteOrganizationPath,
  zGetOrganizationPath,
  zListAuditLogsPath,
  zListAuditLogsQuery,
  zListInvitationsPath,
  zListInvitationsQuery,
  zListOrganizationApiKeysPath,
  zListOrganizationApiKeysQuery,
  zListOrganizationMembersPath,
  zListOrganizationMembersQuery,
  zListOrganizationsQuery,
  zRemoveOrganizationMemberPath,
  zRevokeInvitationPath,
  zRevokeOrganizationApiKeyPath,
  zSiweChallengeBody,
  zSiweVerifyBody,
  zUpdateOrganizationBody,
  zUpdateOrganizationMemberBody,
  zUpdateOrganizationMemberPath,
  zUpdateOrganizationPath,
  zValidateTokenBody,
} from '../../../generated/zod.gen';

/** `limit` as query text: digits only, then the spec's 1–100. */
const pageLimit = z
  .string()
  .regex(/^\d{1,4}$/, 'Must be an integer from 1 to 100')
  .transform(Number)
  .pipe(z.int().min(1, 'Must be an integer from 1 to 100').max(100, 'Must be an integer from 1 to 100'))
  .optional();

/** `true`/`false` as query text (or already read as a boolean). */
const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false'], 'Must be true or false').transform((text) => text === 'true')]).optional();

/** A list query with its `limit` read from text. */
function pageQuery<S extends z.ZodObject>(schema: S) {
  return schema.extend({ limit: pageLimit });
}

/**
 * The request schemas of the wallet sign-in, token and organization operations.
 *
 * @example
 * platformRequestSchemas.createOrganization.body.parse({ name: 'Acme' });
 */
export const platformRequestSchemas = {
  siweChallenge: { body: zSiweChallengeBody },
  siweVerify: { body: zSiweVerifyBody },
  validateToken: { body: zValidateTokenBody },
  createOrganization: { body: zCreateOrganizationBody.strict() },
  listOrganizations: { query: pageQuery(zListOrganizationsQuery) },
  getOrganization: { path: zGetOrganizationPath },
  updateOrganization: {
    path: zUpdateOrganizationPath,
    // `minProperties: 1` of the spec, which the generator does not carry over.
    body: zUpdateOrganizationBody.strict().refine((body) => Object.keys(body).length > 0, 'Give at least one field to change: name, description'),
  },
  deleteOrganization: { path: zDeleteOrganizationPath },
  listMembers: { path: zListOrganizationMembersPath, query: pageQuery(zListOrganizationMembersQuery) },
  updateMember: { path: zUpdateOrganizationMemberPath, body: zUpdateOrganizationMemberBody.strict() },
  removeMember: { path: zRemoveOrganizationMemberPath },
  createInvitation: { path: zCreateInvitationPath, body: zCreateInvitationBody.strict() },
  listInvitations: { path: zListInvitationsPath, query: pageQuery(zListInvitationsQuery) },
  revokeInvitation: { path: zRevokeInvitationPath },
  acceptInvitation: { body: zAcceptInvitationBody.strict() },
  createOrganizationKey: { path: zCreateOrganizationApiKeyPath, body: zCreateApiKeyRequest.strict() },
  listOrganizationKeys: {
    path: zListOrganizationApiKeysPath,
    query: pageQuery(zListOrganizationApiKeysQuery).extend({ active_only: queryBoolean }),
  },
  revokeOrganizationKey: { path: zRevokeOrganizationApiKeyPath },
  listAuditLogs: { path: zListAuditLogsPath, query: pageQuery(zListAuditLogsQuery) },
} as const;
