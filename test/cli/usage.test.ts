// usage stats|billing <key_id> against a stub server with a fixed clock (2025-01-15).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, assertBuilt, createKey, printed, runCli, startStub, type Stub } from './helpers';

// Each test spawns node processes, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let stub: Stub;
let keyId: string;

beforeAll(async () => {
  assertBuilt();
  stub = await startStub();
  ({ key_info: { key_id: keyId } } = await createKey(stub.env, ['--monthly-limit', '1', '--plan', 'pro']));
  const record = { service_id: 'prediction', endpoint: '/v1/predict' } as const;
  await stub.auth.usage.record(keyId, { ...record, status_code: 200, response_time_ms: 100, predictions_count: 3, compute_ms: 40 });
  await stub.auth.usage.record(keyId, { ...record, status_code: 500, response_time_ms: 300, predictions_count: 0, compute_ms: 10 });
  await stub.auth.usage.record(keyId, { ...record, endpoint: '/v1/models', status_code: 200, response_time_ms: 200 });
});

afterAll(async () => {
  await stub?.server.close();
  for (const text of printed) expect(text).not.toContain(ADMIN_TOKEN);
});

describe('usage stats', () => {
  it('--json prints the API report for the month', async () => {
    const result = await runCli(['usage', 'stats', keyId, '--period', '2025-01', '--json'], stub.env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      key_id: keyId,
      period: '2025-01',
      total_requests: 3,
      total_predictions: 3,
      total_compute_ms: 50,
      average_response_time_ms: 200,
      error_rate: 1 / 3,
      top_endpoints: [
        { endpoint: '/v1/predict', count: 2 },
        { endpoint: '/v1/models', count: 1 },
      ],
    });
  });

  it('the table shows the totals, the error rate in percent and the top endpoints', async () => {
    const result = await runCli(['usage', 'stats', keyId], stub.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Period: +2025-01$/m);
    expect(result.stdout).toMatch(/^Requests: +3$/m);
    expect(result.stdout).toMatch(/^Error rate: +33\.3%$/m);
    expect(result.stdout).toMatch(/^ENDPOINT +COUNT$/m);
    expect(result.stdout).toMatch(/^\/v1\/predict +2$/m);
  });

  it('another month has no usage', async () => {
    const result = await runCli(['usage', 'stats', keyId, '--period', '2024-12', '--json'], stub.env);
    expect(JSON.parse(result.stdout)).toMatchObject({ period: '2024-12', total_requests: 0, top_endpoints: [] });
  });

  it('a malformed period is refused by the server: exit 1 with its detail', async () => {
    const result = await runCli(['usage', 'stats', keyId, '--period', '2025-13'], stub.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(HTTP 400\)/);
    expect(result.stderr).toMatch(/^ {2}period: /m);
  });
});

describe('usage billing', () => {
  it('--json prints the API billing as is (2 predictions over the limit of 1)', async () => {
    const result = await runCli(['usage', 'billing', keyId, '--json'], stub.env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      key_id: keyId,
      billing_plan: 'pro',
      current_usage: { requests: 3, predictions: 3, compute_ms: 50 },
      monthly_limit: 1,
      overage_charges: 0.002,
      next_billing_date: '2025-02-01T00:00:00Z',
    });
  });

  it('the table shows usage, limit, charges in USD and the next billing date', async () => {
    const result = await runCli(['usage', 'billing', keyId], stub.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Billing plan: +pro$/m);
    expect(result.stdout).toMatch(/^Predictions: +3$/m);
    expect(result.stdout).toMatch(/^Monthly limit: +1$/m);
    expect(result.stdout).toMatch(/^Overage charges: +\$0\.002$/m);
    expect(result.stdout).toMatch(/^Next billing date: +2025-02-01T00:00:00Z$/m);
  });

  it('an unknown key is a 404: exit 1', async () => {
    const result = await runCli(['usage', 'billing', '550e8400-e29b-41d4-a716-446655440000'], stub.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('API key not found (HTTP 404)');
  });
});
