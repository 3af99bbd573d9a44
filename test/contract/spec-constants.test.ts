// Constants the code keeps outside the spec (the main entry cannot bundle the generated zod
// schemas) must say what the spec says: change one without the other and this fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_KEY_PATTERN } from '../../src/keys/format';
import { DEFAULT_BASE_URL } from '../../src/client/config';
import { PRICE_PER_PREDICTION_USD } from '../../src/server/engine/pricing';
import { SERVER_VERSION } from '../../src/server/version';
import { loadSpec } from '../support/contract';

const spec = loadSpec() as unknown as {
  servers: { url: string }[];
  components: { schemas: Record<string, { pattern?: string; description?: string; properties?: Record<string, { description?: string }> }> };
};
const schemas = spec.components.schemas;

describe('constants and the spec', () => {
  it('the API key pattern is the spec’s ApiKey pattern', () => {
    expect(API_KEY_PATTERN.source).toBe(schemas.ApiKey!.pattern);
  });

  it('the default base URL is the spec’s first server', () => {
    expect(DEFAULT_BASE_URL).toBe(spec.servers[0]!.url);
  });

  it('the price of a prediction is the one the spec’s BillingInfo.overage_charges states', () => {
    const text = schemas.BillingInfo!.properties!.overage_charges!.description ?? '';
    const stated = /\$(\d+(?:\.\d+)?) for each prediction/.exec(text)?.[1];
    expect(stated, text).toBeDefined();
    expect(PRICE_PER_PREDICTION_USD).toBe(Number(stated));
  });

  it('the server version is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SERVER_VERSION).toBe(pkg.version);
  });
});
