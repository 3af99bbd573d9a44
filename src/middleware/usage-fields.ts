import type { UsageReport } from './guard';

/**
 * What a handler adds to its request's usage record.
 *
 * @example
 * const fields: UsageFields = { predictions_count: 3, compute_ms: 40 };
 */
export type UsageFields = Pick<UsageReport, 'predictions_count' | 'compute_ms'>;

const fieldsByRequest = new WeakMap<object, UsageFields>();

/**
 * Adds counts to the usage record of the current request (with the `usage` option): call it in
 * the handler with the request object the adapter gives you (Hono's `c`, Express's `req`,
 * Fastify's `request`, the fetch `Request`, node's `req`). Without it a record counts 0 predictions.
 *
 * @example
 * app.post('/v1/predict', (req, res) => {
 *   reportUsage(req, { predictions_count: inputs.length, compute_ms: 12 });
 *   res.json(predict(inputs));
 * });
 */
export function reportUsage(request: object, fields: UsageFields): void {
  fieldsByRequest.set(request, { ...fieldsByRequest.get(request), ...fields });
}

/** The counts a handler reported for `request`. */
export function reportedUsage(request: object): UsageFields | undefined {
  return fieldsByRequest.get(request);
}
