import { zGetRegistrationPageQuery, zGetRegistrationRateLimitStatusQuery } from '../../../generated/zod.gen';
import type { IncomingRequest } from '../boundary/parse';
import { parseJsonObjectText } from '../registration/json-body';
import { json } from '../http/responses';
import { answerClaim, answerPage, answerSubmit, answerVerify, formFields, isFormPost } from '../registration/answers';
import type { RegistrationCall } from '../registration/answers';
import type { RegistrationService } from '../registration/service';
import { route } from './route';
import type { Route } from './route';

/** The request's origin and address, its body, and whether it is a form post (answered with a page). */
function read(request: IncomingRequest, text: string): { call: RegistrationCall; body: Record<string, unknown> | undefined } {
  const form = isFormPost(request.header('content-type'), text);
  const origin = request.origin ?? `http://${request.header('host') ?? 'localhost'}`;
  return { call: { ip: request.connectionIp ?? undefined, origin, form }, body: form ? formFields(text) : parseJsonObjectText(text) };
}

/**
 * The public registration routes: the page, submit, verify email, status, rate-limit status
 * and claim. Submit, verify and claim take JSON or a form post (the page without JavaScript).
 *
 * @example
 * registrationRoutes(service).map((r) => `${r.method} ${r.path}`);
 */
export function registrationRoutes(service: RegistrationService): Route[] {
  return [
    route({
      method: 'GET',
      path: '/register',
      access: 'public',
      request: { query: zGetRegistrationPageQuery },
      answer: ({ query }) => answerPage(service, query),
    }),
    route({
      method: 'POST',
      path: '/register',
      access: 'public',
      request: { rawBody: true },
      answer: ({ text }, { request }) => {
        const { call, body } = read(request, text);
        return answerSubmit(service, body, call);
      },
    }),
    route({
      method: 'POST',
      path: '/registration/verify-email',
      access: 'public',
      request: { rawBody: true },
      answer: ({ text }, { request }) => {
        const { call, body } = read(request, text);
        return answerVerify(service, body, call);
      },
    }),
    route({
      method: 'POST',
      path: '/registration/claim',
      access: 'public',
      request: { rawBody: true },
      answer: ({ text }, { request }) => {
        const { call, body } = read(request, text);
        return answerClaim(service, body, call);
      },
    }),
    route({
      method: 'POST',
      path: '/registration/status',
      access: 'public',
      // Any body shape: whatever is not a known email gets the same 404.
      request: { rawBody: true },
      answer: ({ text }) => json(service.status(parseJsonObjectText(text)?.email)),
    }),
    route({
      method: 'GET',
      path: '/register/rate-limit-status',
      access: 'public',
      request: { query: zGetRegistrationRateLimitStatusQuery },
      answer: ({ query }, { request }) => json(service.rateLimitStatus(request.connectionIp ?? undefined, query.email)),
    }),
  ];
}
