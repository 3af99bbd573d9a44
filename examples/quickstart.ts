// The Hokusai authentication quickstart with the TypeScript SDK: create a key, validate it, use
// it with a Hokusai service. Against the local server:
//
//   npm start -- --memory            # prints the base URL and an admin token
//   HOKUSAI_AUTH_URL=http://127.0.0.1:8787 HOKUSAI_ADMIN_TOKEN=<token> npx tsx examples/quickstart.ts
//
// Without HOKUSAI_AUTH_URL the SDK calls https://auth.hokus.ai.
import { HokusaiAuth, HokusaiAuthError, maskApiKey } from '@hokusai/auth';

// Reads HOKUSAI_AUTH_URL and HOKUSAI_ADMIN_TOKEN from the environment.
const auth = new HokusaiAuth();

try {
  // Step 1: Create an API Key
  const { api_key, key_info } = await auth.keys.create({
    name: 'My First Key',
    service_id: 'prediction',
    scopes: ['predict'],
    environment: 'test',
  });
  // The full key is shown once: this is the only line that prints it.
  console.log(`Your API key: ${api_key} (save it now, as it cannot be retrieved again)`);
  console.log(`Key prefix: ${key_info.key_prefix} (key_id ${key_info.key_id})`);

  // Step 2: Validate the Key
  const result = await auth.validate(api_key, { service_id: 'prediction' });
  console.log(`Valid: ${result.is_valid}`);
  console.log(`Scopes: ${JSON.stringify(result.scopes)}`);
  if (!result.is_valid) {
    console.error(`Validation failed: ${result.error} (${result.error_code})`);
    process.exit(1);
  }

  // Step 3: Use the Key with Hokusai Services
  const { models } = await auth.models.list(api_key);
  console.log(`Models available to ${maskApiKey(api_key)}: ${models.map((model) => model.id).join(', ')}`);
} catch (error) {
  // SDK errors never contain the API key or the admin token, so they are safe to print.
  console.error(error instanceof HokusaiAuthError ? `Hokusai auth error: ${error.message}` : error);
  process.exit(1);
}
