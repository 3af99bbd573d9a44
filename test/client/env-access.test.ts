// Reading HOKUSAI_AUTH_URL / HOKUSAI_ADMIN_TOKEN must never make the client unusable: Deno run
// without --allow-env throws on any environment read (test/runtimes runs that for real).
import { afterEach, expect, it } from 'vitest';
import { HokusaiAuth } from '../../src';

const realEnv = Object.getOwnPropertyDescriptor(process, 'env')!;
afterEach(() => {
  Object.defineProperty(process, 'env', realEnv);
});

it('treats an environment it may not read as unset', () => {
  // As Deno does for a variable not granted; the rest stays readable for the test runner.
  const refusing = new Proxy(process.env, {
    get(env, name) {
      if (typeof name === 'string' && name.startsWith('HOKUSAI_')) {
        throw new Error(`NotCapable: Requires env access to "${name}", run again with the --allow-env flag`);
      }
      return env[name as string];
    },
  });
  Object.defineProperty(process, 'env', { value: refusing, configurable: true });
  const auth = new HokusaiAuth({ baseUrl: 'http://127.0.0.1:8787' });
  expect(auth.baseUrl).toBe('http://127.0.0.1:8787');
});
