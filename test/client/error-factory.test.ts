import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  HokusaiAuthError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../../src/client';
import { errorFromResponse } from '../../src/client/errors/error-from-response';

const now = Date.parse('2025-01-15T10:30:00Z');
const fromJson = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  errorFromResponse({ status, headers: new Headers({ 'content-type': 'application/json', ...headers }), body, now });

describe('errorFromResponse: one class per status a caller can act on', () => {
  const cases = [
    [400, BadRequestError, 'BadRequestError'],
    [401, AuthenticationError, 'AuthenticationError'],
    [403, PermissionDeniedError, 'PermissionDeniedError'],
    [404, NotFoundError, 'NotFoundError'],
    [409, ConflictError, 'ConflictError'],
    [413, PayloadTooLargeError, 'PayloadTooLargeError'],
    [422, UnprocessableEntityError, 'UnprocessableEntityError'],
    [429, RateLimitError, 'RateLimitError'],
    [500, InternalServerError, 'InternalServerError'],
    [502, InternalServerError, 'InternalServerError'],
    [503, InternalServerError, 'InternalServerError'],
    [504, InternalServerError, 'InternalServerError'],
  ] as const;

  it.each(cases)('%i -> %o', (status, ErrorClass, name) => {
    const error = fromJson(status, { detail: 'something went wrong' }, { 'X-Request-ID': 'req-42' });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(HokusaiAuthError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(error.detail).toBe('something went wrong');
    expect(error.message).toBe(`${status} something went wrong`);
    expect(error.requestId).toBe('req-42');
    expect(error.headers['x-request-id']).toBe('req-42');
    expect(String(error)).toBe(`${name}: ${status} something went wrong`);
  });

  it('gives any other status the base class, still with its status', () => {
    const error = fromJson(405, { detail: 'Method Not Allowed' });
    expect(error.constructor).toBe(HokusaiAuthError);
    expect(error.status).toBe(405);
  });
});

describe('errorFromResponse: reading the body', () => {
  it('keeps the field errors of a 400', () => {
    const error = fromJson(400, {
      detail: 'Invalid request body',
      errors: [
        { field: 'name', message: 'name must be 1-100 characters' },
        { field: 'service_id', message: "service_id must be 'prediction' or 'platform'" },
        { nonsense: true },
      ],
    });
    expect(error.errors).toEqual([
      { field: 'name', message: 'name must be 1-100 characters' },
      { field: 'service_id', message: "service_id must be 'prediction' or 'platform'" },
    ]);
  });

  it('uses the `error` text of a validation-style body', () => {
    const error = fromJson(401, { is_valid: false, error: 'Invalid API key', error_code: 'invalid_key' });
    expect(error.detail).toBe('Invalid API key');
  });

  it('turns an HTML page from a proxy into a short readable message', () => {
    const html = `<html><head><title>502 Bad Gateway</title></head>
      <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>`;
    const error = errorFromResponse({ status: 502, headers: new Headers({ 'content-type': 'text/html' }), body: html });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe('502 Bad Gateway 502 Bad Gateway nginx/1.25.3');
    expect(error.detail).toBeUndefined();
  });

  it('keeps only a snippet of a long text body', () => {
    const text = `upstream connect error or disconnect/reset before headers. ${'x'.repeat(1_000)}`;
    const error = errorFromResponse({ status: 503, headers: new Headers(), body: text });
    expect(error.message.startsWith('503 upstream connect error or disconnect/reset before headers.')).toBe(true);
    expect(error.message.length).toBeLessThan(200);
  });

  it('falls back to the reason phrase for an empty body', () => {
    const empty = (status: number, statusText?: string) => errorFromResponse({ status, statusText, headers: new Headers(), body: undefined });
    expect(empty(504, 'Gateway Timeout').message).toBe('504 Gateway Timeout');
    expect(errorFromResponse({ status: 404, statusText: 'Not Found', headers: new Headers(), body: '' }).message).toBe('404 Not Found');
    expect(empty(418).message).toBe('418 error');
  });

  it('shows unknown JSON shapes instead of dropping them', () => {
    expect(fromJson(500, { oops: 1 }).message).toBe('500 {"oops":1}');
  });
});

describe('RateLimitError.retryAfterMs', () => {
  it('comes from Retry-After seconds', () => {
    const error = fromJson(429, { detail: 'Rate limit exceeded' }, { 'Retry-After': '30' });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
  });

  it('comes from a Retry-After HTTP-date', () => {
    const error = fromJson(429, { detail: 'Rate limit exceeded' }, { 'Retry-After': 'Wed, 15 Jan 2025 10:31:00 GMT' });
    expect((error as RateLimitError).retryAfterMs).toBe(60_000);
  });

  it('is undefined when the server does not say', () => {
    expect((fromJson(429, { detail: 'Rate limit exceeded' }) as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it('is part of the serialised error', () => {
    const error = fromJson(429, { detail: 'Rate limit exceeded' }, { 'retry-after-ms': '1500' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'RateLimitError', status: 429, retryAfterMs: 1_500 });
  });
});
