// A real Hokusai service's calls, replayed in Python with `requests` against `npm start`: the
// data pipeline's API-key middleware validates with `client_ip: "testclient"` and debits before
// serving, with its exact payloads (test/e2e/pipeline_middleware_replay.py). The checks are the
// answers that middleware acts on.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type StartedProcess as ServerProcess } from '../support/processes';
import { pythonWithRequests } from './python';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./pipeline_middleware_replay.py', import.meta.url));
const ADMIN_TOKEN = 'pipeline-admin-token-0123456789abcdef';
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess(['--memory', '--test-controls', '--port', '0', '--admin-token', ADMIN_TOKEN]);
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
});

describe('the data pipeline middleware against the local server', () => {
  it('gets the answers it acts on: validation with balance, debit accepted, then 402 with its reason', async () => {
    const python = await pythonWithRequests();
    const { stdout } = await run(python, [SCRIPT, server.url, ADMIN_TOKEN], { timeout: 30_000 });
    const result = JSON.parse(stdout);
    for (const validation of Object.values(result.validations)) {
      expect(validation).toMatchObject({ status: 200, has_sufficient_balance: true, balance: 1, balance_is_number: true });
    }
    expect(result.debit).toEqual({ outcome: 'accepted', status: 200 });
    expect(result.debit_no_model).toEqual({ outcome: 'accepted', status: 200 });
    expect(result.out_of_credit_validation).toMatchObject({ status: 200, has_sufficient_balance: false, balance: 0 });
    expect(result.out_of_credit_debit).toEqual({
      outcome: 'rejected',
      status: 402,
      reason_code: 'insufficient_balance',
      reason: 'Settled balance 0.00 insufficient. Pending: 0.00 (not yet spendable).',
    });
    expect(result.pending_only_debit).toMatchObject({ outcome: 'rejected', reason_code: 'insufficient_settled_balance' });
    expect(result.stats).toEqual({ total_requests: 2, total_predictions: 2 });
  });
});
