// Bodies shaped like the spec's examples, and a platform client whose waits are skipped.
import { HokusaiAuth, type PlatformOptions } from '../../src/platform';
import type {
  AuditLogEntry,
  Invitation,
  Organization,
  OrganizationKeyInfo,
  OrganizationMember,
  SiweSession,
} from '../../src/platform';

export const BASE = 'http://auth.platform.test';
/** Shaped like a real HS256 JWT, and long enough to be found if it leaks. */
export const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1NTBlODQwMC1lMjliLTQxZDQtYTcxNi00NDY2NTU0NDAwMDAiLCJqdGkiOiJzZWNyZXQifQ.Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1zaWduYXR1cmU';
export const ADDRESS = '0x742d35Cc6634C0532925a3b844Bc9e7595f2bD18';
export const SIGNATURE = `0x${'ab'.repeat(65)}`;
export const ORG_ID = '7b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
export const USER_ID = '550e8400-e29b-41d4-a716-446655440000';
export const OTHER_USER_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
export const KEY_ID = '3d6f0a52-7b8c-4e1d-9f20-a1b2c3d4e5f6';
export const INVITATION_ID = '2c4e6a8b-1d3f-4e5a-9b7c-0d2e4f6a8b1c';

export const MESSAGE = [
  'auth.platform.test wants you to sign in with your Ethereum account:',
  ADDRESS,
  '',
  'Sign in to Hokusai',
  '',
  'URI: http://auth.platform.test',
  'Version: 1',
  'Chain ID: 1',
  'Nonce: 3f9a1c7e2b8d4a6f',
  'Issued At: 2025-01-15T10:30:00.000Z',
  'Expiration Time: 2025-01-15T10:35:00.000Z',
].join('\n');

export const session: SiweSession = {
  access_token: JWT,
  token_type: 'bearer',
  expires_in: 86_400,
  user_id: USER_ID,
  wallet_address: ADDRESS,
  is_new_user: true,
};

export const organization: Organization = {
  id: ORG_ID,
  name: 'Acme Research',
  description: 'Models for the Acme data team',
  created_by: USER_ID,
  created_at: '2025-01-15T10:30:00Z',
  updated_at: '2025-01-15T10:30:00Z',
};

export const member: OrganizationMember = { user_id: OTHER_USER_ID, wallet_address: ADDRESS, role: 'developer', joined_at: '2025-01-16T09:00:00Z' };

export const invitation: Invitation = {
  id: INVITATION_ID,
  organization_id: ORG_ID,
  email: 'dev@example.com',
  role: 'developer',
  status: 'pending',
  invited_by: USER_ID,
  created_at: '2025-01-15T10:30:00Z',
  expires_at: '2025-01-22T10:30:00Z',
};

/** The n-th organization key. */
export function orgKey(n: number): OrganizationKeyInfo {
  return {
    organization_id: ORG_ID,
    created_by: USER_ID,
    key_id: `3d6f0a52-7b8c-4e1d-9f20-${String(n).padStart(12, '0')}`,
    name: `Key ${n}`,
    key_prefix: 'hk_live_Tm4***',
    user_id: USER_ID,
    service_id: 'prediction',
    scopes: ['predict'],
    environment: 'production',
    is_active: true,
    rate_limit_per_hour: 1000,
    monthly_prediction_limit: null,
    allowed_ips: null,
    billing_plan: 'free',
    created_at: '2025-01-15T11:00:00Z',
    expires_at: null,
    last_used_at: null,
  } as OrganizationKeyInfo;
}

export const auditEntry: AuditLogEntry = {
  id: '4e6a8c0b-2d4f-4a6b-8c0d-2e4f6a8b0c2d',
  organization_id: ORG_ID,
  actor_user_id: USER_ID,
  action: 'api_key.created',
  target_type: 'api_key',
  target_id: KEY_ID,
  details: { name: 'Team Prediction Key' },
  created_at: '2025-01-15T11:00:00Z',
};

/** A platform client on the global fetch (msw patches it); waits between retries are skipped. */
export function platformClient(options: PlatformOptions = {}): HokusaiAuth {
  return new HokusaiAuth({ baseUrl: BASE, maxRetries: 2, ...options }, { sleep: async () => {}, random: () => 0 });
}
