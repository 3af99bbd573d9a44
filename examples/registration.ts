// Registration from both sides with the SDK: an applicant applies and verifies the email, an
// operator reviews and approves, the applicant claims the key from the welcome mail and uses it.
// The mails are read from the local server's outbox, so run it against a server with test
// controls:
//
//   npm start -- --memory --test-controls   # prints the base URL and an admin token
//   HOKUSAI_AUTH_URL=http://127.0.0.1:8787 HOKUSAI_ADMIN_TOKEN=<token> npx tsx examples/registration.ts
import { HokusaiAuthError, maskApiKey } from '@hokusai/auth';
import { HokusaiAuth } from '@hokusai/auth/platform';

// Reads HOKUSAI_AUTH_URL and HOKUSAI_ADMIN_TOKEN from the environment.
const auth = new HokusaiAuth();
const email = `dev-${Date.now()}@acme.ai`;

/** The token of the newest mailed link to `to` that carries `param` (the local server's outbox). */
async function tokenFromOutbox(to: string, param: 'verify_token' | 'claim_token'): Promise<string> {
  const response = await fetch(`${auth.baseUrl}/__hokusai/outbox`, { headers: { Authorization: `Bearer ${process.env.HOKUSAI_ADMIN_TOKEN}` } });
  if (!response.ok) throw new Error(`The outbox answered ${response.status}: start the server with --test-controls`);
  const mails = (await response.json()) as { to: string; links: string[] }[];
  const link = mails.filter((mail) => mail.to === to).flatMap((mail) => mail.links).findLast((url) => new URL(url).searchParams.has(param));
  if (!link) throw new Error(`No mail to ${to} with a ${param} link`);
  return new URL(link).searchParams.get(param)!;
}

try {
  // The applicant: apply, then follow the verification link.
  const application = await auth.registration.submit({
    organization_name: 'Acme AI Labs',
    contact_email: email,
    contact_name: 'Jane Smith',
    website_url: 'https://acme.ai',
    use_case: 'Integrating Hokusai predictions into our analytics platform',
  });
  console.log(`Applied: ${application.status}. ${application.next_step}`);
  const verified = await auth.registration.verifyEmail(await tokenFromOutbox(email, 'verify_token'));
  console.log(`Email verified: ${verified.status}`);

  // The operator: review what awaits approval, with the fraud-screening flags.
  for await (const registration of auth.admin.registrations.list({ status: 'pending_approval' })) {
    if (registration.id !== application.id) continue;
    const flags = registration.flags.map((flag) => flag.rule).join(', ') || 'none';
    console.log(`Reviewing ${registration.organization_name} <${registration.contact_email}>, flags: ${flags}`);
    const approved = await auth.admin.registrations.approve(registration.id);
    console.log(`Approved: key ${approved.key_id}, organization ${approved.organization_id}`);
  }

  // The applicant again: claim the key from the welcome mail (once) and use it.
  const { api_key } = await auth.registration.claim(await tokenFromOutbox(email, 'claim_token'));
  console.log(`Claimed ${maskApiKey(api_key)} (the full key is shown only in the claim answer: store it now)`);
  const result = await auth.validate(api_key, { service_id: 'prediction' });
  console.log(`Valid: ${result.is_valid}`);
  console.log(`Status: ${(await auth.registration.status(email)).status}`);
} catch (error) {
  if (error instanceof HokusaiAuthError) {
    console.error(`Hokusai error ${error.status ?? ''}: ${error.detail ?? error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
