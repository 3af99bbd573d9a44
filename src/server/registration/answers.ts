// The answers of the public registration routes, independent of the transport: each takes the
// request's parsed parts and gives reply parts, JSON for API callers and HTML for the page's
// form posts (no JavaScript).
import { zRegistrationRequest, zRegistrationTokenRequest } from '../../../generated/zod.gen';
import type { FieldError } from '../engine/errors';
import { json, problem } from '../http/responses';
import type { HeaderRecord, ReplyParts } from '../http/responses';
import { PAGE_CSP } from './page/assets';
import { renderFormPage, renderResultPage, renderTokenPage } from './page/render';
import { parseFields, problemOf } from './problem';
import type { RegistrationService, RequestOrigin } from './service';

/** Body of `POST /register` (the spec's schema; unknown fields refused). */
export const submitBody = zRegistrationRequest.strict();
/** Body of `POST /registration/verify-email` and `POST /registration/claim`. */
export const tokenBody = zRegistrationTokenRequest;

/** One request to a registration route: where it came from and whether it is a form post. */
export interface RegistrationCall extends RequestOrigin {
  /** A form post (`application/x-www-form-urlencoded`): answered with a page. */
  form: boolean;
}

/**
 * An HTML answer with the registration pages' content policy.
 *
 * @example
 * htmlParts(renderFormPage(), 200).headers['content-type']; // 'text/html; charset=utf-8'
 */
export function htmlParts(html: string, status = 200, headers: HeaderRecord = {}): ReplyParts {
  return { status, body: html, headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP } };
}

/**
 * True for a browser's form post: form content type and a body that is not a JSON object
 * (`curl -d '{…}'` sends JSON under the form type; it stays JSON).
 *
 * @example
 * isFormPost('application/x-www-form-urlencoded', 'token=abc'); // true
 * isFormPost('application/x-www-form-urlencoded', '{"token":"abc"}'); // false
 */
export function isFormPost(contentType: string | undefined, bodyText: string): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded') && !bodyText.trimStart().startsWith('{');
}

/**
 * A form post's fields as an object: the first value of each name; empty fields left out (a
 * browser sends every field, filled or not: an empty required one is then "Field required").
 *
 * @example
 * formFields('contact_email=dev%40acme.ai&website_url='); // { contact_email: 'dev@acme.ai' }
 */
export function formFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (name in fields || value === '') continue;
    fields[name] = value;
  }
  return fields;
}

/** `GET /register`: the form, or the one-button page of a mail link. */
export function answerPage(service: RegistrationService, query: { verify_token?: string; claim_token?: string }): ReplyParts {
  if (query.verify_token !== undefined) return htmlParts(renderTokenPage('verify', query.verify_token));
  if (query.claim_token !== undefined) return htmlParts(renderTokenPage('claim', query.claim_token));
  return htmlParts(renderFormPage({ captcha: service.settings.captcha }));
}

/** `POST /register`. */
export async function answerSubmit(service: RegistrationService, raw: Record<string, unknown> | undefined, call: RegistrationCall): Promise<ReplyParts> {
  try {
    const created = await service.submit(parseFields(submitBody, raw ?? {}), call);
    if (!call.form) return json(created, 201);
    return htmlParts(renderResultPage({ title: 'Registration received', message: `Your registration is ${created.status.replace(/_/g, ' ')}. ${created.next_step}`, ok: true }), 201);
  } catch (error) {
    const failure = problemOf(error);
    if (!failure) throw error;
    if (!call.form) return problem(failure.status, failure.detail, failure.errors, failure.headers);
    const values = Object.fromEntries(Object.entries(raw ?? {}).map(([name, value]) => [name, String(value)]));
    const notice = failure.errors.length > 0 ? undefined : { kind: 'fail' as const, text: failure.detail };
    return htmlParts(renderFormPage({ values, errors: failure.errors, captcha: service.settings.captcha, ...(notice ? { notice } : {}) }), failure.status, failure.headers);
  }
}

/** `POST /registration/verify-email`. */
export function answerVerify(service: RegistrationService, raw: Record<string, unknown> | undefined, call: RegistrationCall): Promise<ReplyParts> {
  return answerToken(call, async () => {
    const { token } = parseFields(tokenBody, raw ?? {});
    const status = await service.verifyEmail(token);
    return {
      json: status,
      page: { title: 'Email verified', message: 'Thank you: your email is verified and your registration is awaiting approval. We will email you when it is reviewed.' },
    };
  });
}

/** `POST /registration/claim`. */
export async function answerClaim(service: RegistrationService, raw: Record<string, unknown> | undefined, call: RegistrationCall): Promise<ReplyParts> {
  try {
    const { token } = parseFields(tokenBody, raw ?? {});
    const claimed = await service.claim(token);
    if (!call.form) return json(claimed);
    return htmlParts(renderResultPage({ title: 'Your API key', message: 'This is the only time the key is shown. Store it now.', ok: true, apiKey: claimed.api_key }));
  } catch (error) {
    return tokenFailure(error, call);
  }
}

async function answerToken(call: RegistrationCall, run: () => Promise<{ json: unknown; page: { title: string; message: string } }>): Promise<ReplyParts> {
  try {
    const answer = await run();
    return call.form ? htmlParts(renderResultPage({ ...answer.page, ok: true })) : json(answer.json);
  } catch (error) {
    return tokenFailure(error, call);
  }
}

function tokenFailure(error: unknown, call: RegistrationCall): ReplyParts {
  const failure = problemOf(error);
  if (!failure) throw error;
  if (!call.form) return problem(failure.status, failure.detail, failure.errors);
  return htmlParts(renderResultPage({ title: 'This link does not work', message: messageOf(failure.detail, failure.errors), ok: false }), failure.status);
}

const messageOf = (detail: string, errors: FieldError[]) => (errors.length > 0 ? `${detail}: ${errors.map((e) => e.message).join('; ')}` : detail);
