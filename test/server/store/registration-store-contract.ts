// The registrations part of the Store contract (store.registrations), run with every backend.
import { expect, it } from 'vitest';
import type { Store } from '../../../src/server';
import type { NewStoredRegistration } from '../../../src/server/store/registration-types';

let counter = 0;

export function newRegistration(overrides: Partial<NewStoredRegistration> = {}): NewStoredRegistration {
  counter += 1;
  const id = counter.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-9000-${id}`,
    organization_name: 'Acme AI Labs',
    contact_email: `Dev${counter}@Acme.ai`,
    email_key: `dev${counter}@acme.ai`,
    email_domain: 'acme.ai',
    contact_name: 'Jane Smith',
    website_url: null,
    use_case: 'Predictions',
    status: 'pending_email_verification',
    flags: [],
    status_history: [{ status: 'pending_email_verification', at: 1000 }],
    client_ip: '203.0.113.7',
    created_at: 1000,
    updated_at: 1000,
    review_reason: null,
    organization_id: null,
    organization_name_created: null,
    key_id: null,
    verify_token_hash: `verify-${id}`,
    verify_expires_at: 2000,
    claim_token_hash: null,
    claim_sealed_key: null,
    key_claimed: false,
    ...overrides,
  };
}

/** Registers the registration tests inside a backend's Store-contract `describe`. */
export function registrationStoreContract(open: () => Store): void {
  it('keeps registrations: find by id, latest by email, by token; save replaces; copies only', () => {
    const { registrations } = open();
    const first = registrations.insert(newRegistration({ email_key: 'same@acme.ai', created_at: 1000 }));
    const second = registrations.insert(newRegistration({ email_key: 'same@acme.ai', created_at: 2000 }));
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(registrations.find(first.id)).toEqual(first);
    expect(registrations.latestByEmail('same@acme.ai')?.id).toBe(second.id);
    expect(registrations.findByToken('verify', first.verify_token_hash!)?.id).toBe(first.id);
    expect(registrations.findByToken('claim', 'nothing')).toBeUndefined();

    const changed = { ...first, status: 'approved' as const, flags: [{ rule: 'ip_velocity' as const, message: 'm' }], claim_token_hash: 'claim-1', key_claimed: true };
    registrations.save(changed);
    expect(registrations.find(first.id)).toEqual(changed);
    expect(registrations.findByToken('claim', 'claim-1')?.id).toBe(first.id);
    const read = registrations.find(first.id)!;
    read.flags.push({ rule: 'suspicious_name', message: 'x' });
    expect(registrations.find(first.id)!.flags).toHaveLength(1);
  });

  it('lists newest first by status and page, counts by status and recent ones by IP and domain', () => {
    const { registrations } = open();
    const a = registrations.insert(newRegistration({ created_at: 1000, client_ip: '10.0.0.1', email_domain: 'a.org' }));
    const b = registrations.insert(newRegistration({ created_at: 2000, status: 'pending_approval', client_ip: '10.0.0.1', email_domain: 'b.org' }));
    const c = registrations.insert(newRegistration({ created_at: 3000, client_ip: '10.0.0.2', email_domain: 'a.org' }));
    expect(registrations.list({ limit: 10 }).map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(registrations.list({ limit: 10, beforeSeq: c.seq }).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(registrations.list({ limit: 1 }).map((r) => r.id)).toEqual([c.id]);
    expect(registrations.list({ limit: 10, status: 'pending_approval' }).map((r) => r.id)).toEqual([b.id]);
    expect(registrations.countByStatus()).toEqual({ pending_email_verification: 2, email_verified: 0, pending_approval: 1, approved: 0, rejected: 0 });
    expect(registrations.countSince({ client_ip: '10.0.0.1' }, 1500)).toBe(1);
    expect(registrations.countSince({ email_domain: 'a.org' }, 0)).toBe(2);
  });

  it('keeps whitelist entries: unique by type and value, oldest first, update, delete, clear', () => {
    const store = open();
    const { registrations } = store;
    const ip = registrations.insertWhitelist({ id: '00000000-0000-4000-a000-000000000001', type: 'ip', value: '203.0.113.7', note: null, enabled: true, created_at: 1, updated_at: 1 });
    const domain = registrations.insertWhitelist({ id: '00000000-0000-4000-a000-000000000002', type: 'domain', value: 'acme.ai', note: 'n', enabled: true, created_at: 2, updated_at: 2 });
    expect(registrations.findWhitelistByValue('ip', '203.0.113.7')).toEqual(ip);
    expect(registrations.findWhitelistByValue('domain', '203.0.113.7')).toBeUndefined();
    expect(registrations.listWhitelist({ limit: 10 }).map((e) => e.id)).toEqual([ip.id, domain.id]);
    expect(registrations.listWhitelist({ limit: 10, afterSeq: ip.seq }).map((e) => e.id)).toEqual([domain.id]);
    registrations.saveWhitelist({ ...ip, enabled: false, updated_at: 5 });
    expect(registrations.findWhitelist(ip.id)).toMatchObject({ enabled: false, updated_at: 5 });
    expect(registrations.deleteWhitelist(ip.id)).toBe(true);
    expect(registrations.deleteWhitelist(ip.id)).toBe(false);
    registrations.insert(newRegistration());
    store.clear();
    expect(registrations.listWhitelist({ limit: 10 })).toEqual([]);
    expect(registrations.list({ limit: 10 })).toEqual([]);
  });
}
