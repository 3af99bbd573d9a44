import type { ReplyParts } from './http/responses';
import type { ValidationRequest } from './routes/validate';

/**
 * A validation request with the two headers the final pass reads.
 *
 * @example
 * const request: DirectValidationRequest = { headers: {}, bodyText: '{}', connectionIp: null, requestId: null, origin: null };
 */
export interface DirectValidationRequest extends ValidationRequest {
  requestId: string | null;
  origin: string | null;
}

/**
 * `POST /api/v1/keys/validate` answered from raw request parts instead of a Web `Request`, for
 * a transport that can write the parts itself (the Node server's hot path). The answer is the
 * one `app.fetch` gives, every header included; `test/server/direct-validation.test.ts` holds
 * the two side by side.
 */
export interface DirectValidation {
  /** Largest body answered here; a larger one must go through `app.fetch` (its 413). */
  readonly maxBodyBytes: number;
  /** False while requests must go through `app.fetch` (a test control's injected failure is pending). */
  available(): boolean;
  /** The final answer; never throws and never rejects (bad input is a 4xx answer). */
  answer(request: DirectValidationRequest): ReplyParts | Promise<ReplyParts>;
}

// Kept beside the app rather than on it: it is not part of the app's public surface.
const registry = new WeakMap<object, DirectValidation>();

/** Attaches the direct validation of `app` (done by `createApp`). */
export function setDirectValidation(app: object, direct: DirectValidation): void {
  registry.set(app, direct);
}

/** The direct validation of an app made by `createApp`, if any. */
export function directValidationOf(app: object): DirectValidation | undefined {
  return registry.get(app);
}
