// Request bodies are checked with the zod schemas generated from the spec, so the server
// accepts exactly what the spec documents. The spec marks create, usage and debit bodies
// `additionalProperties: false`, which the generator does not carry over: `.strict()` adds it.
import type { z } from 'zod';
import {
  zCreateApiKeyRequest,
  zDebitUsageRequest,
  zIdempotencyKeyHeader,
  zRecordUsageRequest,
  zValidateApiKeyRequest,
} from '../../../generated/zod.gen';
import { RequestProblem } from './errors';
import { issuesToFieldErrors } from './zod-issues';

export const createKeyBody = zCreateApiKeyRequest.strict();
export const recordUsageBody = zRecordUsageRequest.strict();
export const debitUsageBody = zDebitUsageRequest.strict();
export const validateBody = zValidateApiKeyRequest;
export const idempotencyKeyHeader = zIdempotencyKeyHeader;

/** Parses `data` with `schema` (defaults applied) or throws a 400 naming every bad field. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, detail = 'Invalid request body'): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new RequestProblem(400, detail, issuesToFieldErrors(result.error.issues, data));
}
