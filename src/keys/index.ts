// Public API of the key helpers: format checks, masking, generation and extraction of
// Hokusai API keys. Pure functions with no I/O and no Node-only imports, so they run in browsers.
export { API_KEY_ENV_CODES, API_KEY_SECRET_LENGTH } from './format';
export type { ApiKeyEnvCode, ApiKeyEnvironment } from './format';
export { ApiKeyFormatError } from './errors';
export type { ApiKeyFormatProblem } from './errors';
export { parseApiKey } from './parse';
export type { ApiKeyParseFailure, ParsedApiKey } from './parse';
export { assertApiKey, isApiKey } from './check';
export { maskApiKey } from './mask';
export { environmentOf } from './environment';
export { generateApiKey } from './generate';
export type { ApiKeyRandomSource } from './generate';
export { extractApiKey } from './extract';
export type { ApiKeyExtraction, ApiKeyHeaderRecord, ApiKeySource } from './extract';
