import type { Context } from 'hono';
import { zGetRegistrationRateLimitStatusQuery } from '../../../generated/zod.gen';
import { parseJsonObject, readBodyText } from '../http/body';
import { json, responseFromParts } from '../http/responses';
import { answerClaim, answerPage, answerSubmit, answerVerify, formFields, isFormPost } from '../registration/answers';
import type { RegistrationCall } from '../registration/answers';
import type { RegistrationService } from '../registration/service';
import { parseFields } from '../registration/problem';
import type { RouteDeps, ServerHono } from './deps';
import { resource } from './resource';

/**
 * The public registration routes: the page, submit, verify email, status, rate-limit status
 * and claim. Submit, verify and claim take JSON or a form post (the page without JavaScript).
 */
export function registerRegistrationRoutes(app: ServerHono, { clientIp }: RouteDeps, service: RegistrationService): void {
  /** The request's origin and address, its body, and whether it is a form post (answered with a page). */
  const read = async (c: Context): Promise<{ call: RegistrationCall; body: Record<string, unknown> | undefined }> => {
    const text = await readBodyText(c);
    const form = isFormPost(c.req.header('content-type'), text);
    return { call: { ip: clientIp(c), origin: new URL(c.req.url).origin, form }, body: form ? formFields(text) : parseJsonObject(text) };
  };

  resource(app, '/register', {
    GET: [(c) => responseFromParts(answerPage(service, { verify_token: c.req.query('verify_token'), claim_token: c.req.query('claim_token') }))],
    POST: [
      async (c) => {
        const { call, body } = await read(c);
        return responseFromParts(await answerSubmit(service, body, call));
      },
    ],
  });
  resource(app, '/registration/verify-email', {
    POST: [
      async (c) => {
        const { call, body } = await read(c);
        return responseFromParts(answerVerify(service, body, call));
      },
    ],
  });
  resource(app, '/registration/claim', {
    POST: [
      async (c) => {
        const { call, body } = await read(c);
        return responseFromParts(await answerClaim(service, body, call));
      },
    ],
  });
  resource(app, '/registration/status', {
    // Any body shape: whatever is not a known email gets the same 404.
    POST: [async (c) => json(service.status((await read(c)).body?.email))],
  });
  resource(app, '/register/rate-limit-status', {
    GET: [
      (c) => {
        const query = parseFields(zGetRegistrationRateLimitStatusQuery, { email: c.req.query('email') }, 'Invalid request parameters');
        return json(service.rateLimitStatus(clientIp(c), query.email));
      },
    ],
  });
}
