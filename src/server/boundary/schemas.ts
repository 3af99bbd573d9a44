// What each route accepts, taken from the schemas generated from the spec: the server accepts
// exactly what the spec documents, and every caller (HTTP routes, the Node fast transport, the
// test controls in-process and over HTTP) parses with these. The spec marks create, usage and
// debit bodies `additionalProperties: false`, which the generator does not carry over: `.strict()`
// adds it. Query strings arrive as text; `parseQuery` turns `true`/`false` into booleans for
// the fields the spec types as boolean.
import * as z from 'zod';
import {
  zApiKey,
  zApiKeyEnvironment,
  zCreateApiKeyHeaders,
  zCreateApiKeyRequest,
  zDebitUsagePath,
  zDebitUsageRequest,
  zGetApiKeyPath,
  zGetBillingPath,
  zGetUsageAggregateQuery,
  zGetUsageStatsPath,
  zGetUsageStatsQuery,
  zKeyId,
  zListApiKeysQuery,
  zRecordUsageHeaders,
  zRecordUsagePath,
  zRecordUsageRequest,
  zRevokeApiKeyPath,
  zRotateApiKeyHeaders,
  zRotateApiKeyPath,
  zValidateApiKeyRequest,
} from '../../../generated/zod.gen';
import { toEpochMs } from '../engine/time';

/**
 * The parts of one request a route reads, each a schema generated from the spec. Headers are
 * named as in the spec (`Idempotency-Key`); `X-Request-ID` (any string) is read by the final
 * pass, which replaces an unusable one.
 *
 * @example
 * const request: RequestSchemas = { path: zGetApiKeyPath };
 */
export interface RequestSchemas {
  path?: z.ZodType;
  query?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  /** An empty body is `{}` rather than a 400. */
  bodyOptional?: boolean;
  /** The route reads the body text itself (a form post or JSON): it gets it as `text`. */
  rawBody?: boolean;
}

/** Body of `POST /api/v1/keys`. */
export const createKeyBody = zCreateApiKeyRequest.strict();
/** Body of `POST /api/v1/usage/{key_id}`. */
export const recordUsageBody = zRecordUsageRequest.strict();
/** Body of `POST /api/v1/usage/{key_id}/debit`. */
export const debitUsageBody = zDebitUsageRequest.strict();

/**
 * The request schemas of every route of the spec, by operation.
 *
 * @example
 * requestSchemas.createKey.body.parse({ name: 'ci', service_id: 'prediction' }).rate_limit_per_hour; // 1000
 */
export const requestSchemas = {
  createKey: { headers: zCreateApiKeyHeaders, body: createKeyBody },
  listKeys: { query: zListApiKeysQuery },
  getKey: { path: zGetApiKeyPath },
  revokeKey: { path: zRevokeApiKeyPath },
  rotateKey: { path: zRotateApiKeyPath, headers: zRotateApiKeyHeaders },
  validate: { body: zValidateApiKeyRequest, bodyOptional: true },
  recordUsage: { path: zRecordUsagePath, headers: zRecordUsageHeaders, body: recordUsageBody },
  debitUsage: { path: zDebitUsagePath, body: debitUsageBody },
  usageStats: { path: zGetUsageStatsPath, query: zGetUsageStatsQuery },
  billing: { path: zGetBillingPath },
  usageAggregate: { query: zGetUsageAggregateQuery },
} as const satisfies Record<string, RequestSchemas>;

/**
 * A key seeded by the test controls: the create body (same rules and defaults) plus a chosen
 * value, id and absolute expiry. `environment` has no default here: the key's prefix gives it.
 */
export const seedKeyInput = createKeyBody
  .extend({
    environment: zApiKeyEnvironment.optional(),
    api_key: zApiKey.optional(),
    key_id: zKeyId.optional(),
    expires_at: z
      .union([z.date(), z.number(), z.string()])
      .nullish()
      .transform((value, ctx) => {
        if (value === undefined || value === null) return null;
        try {
          return toEpochMs(value);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'Must be a date: ISO 8601 string, epoch milliseconds or Date' });
          return z.NEVER;
        }
      }),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.expires_at !== null && input.expires_in_days !== null) {
      ctx.addIssue({ code: 'custom', path: ['expires_at'], message: 'Give either expires_at or expires_in_days, not both' });
    }
  });

/** The default environment of a new key, as the spec's create schema gives it. */
export const DEFAULT_ENVIRONMENT = zCreateApiKeyRequest.shape.environment.parse(undefined);
