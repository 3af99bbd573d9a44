// `hokusai-auth validate <key>`: asks the server whether a key may be used. No admin token.
import { maskApiKey } from '../../keys';
import type { ApiKeyTransport, ValidateParams } from '../../client';
import { clientFor } from '../client';
import type { Command } from '../command';
import { formatValidation } from '../format';
import { OUTPUT_OPTIONS, stringOption, URL_OPTION } from '../options';
import { writeResult } from '../output';
import { UsageError } from '../usage-error';

const TRANSPORTS: readonly ApiKeyTransport[] = ['bearer', 'x-api-key', 'body'];

/**
 * `validate`: exit 0 for a valid key, 1 for a refused one (the result is printed either way).
 *
 * @example
 * const code = await validateCommand.run({ values: { json: true }, positionals: [apiKey], io });
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check an API key (exit 0 valid, 1 not valid)',
  usage: '<key> [options]',
  description:
    'Asks the auth service whether the key may be used, optionally for a service, a scope and a\n' +
    'client IP. Prints the result (the key itself masked) and exits with 0 when the key is valid,\n' +
    "1 when it is not (revoked, expired, wrong service, ...). Pass '-' as the key to read it from\n" +
    'standard input, which keeps it out of the shell history and process list. No admin token needed.',
  positionals: ['key'],
  options: {
    service: { type: 'string', value: '<service_id>', description: 'The service asking (the key must belong to it)' },
    scope: { type: 'string', value: '<scope>', description: 'A scope the key must have' },
    ip: { type: 'string', value: '<address>', description: 'The client IP to check against the allowlist' },
    via: {
      type: 'string',
      value: '<how>',
      description: 'How to send the key: bearer (Authorization header, default), x-api-key or body',
    },
    ...URL_OPTION,
    ...OUTPUT_OPTIONS,
  },
  examples: [
    'hokusai-auth validate hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456 --service prediction',
    'printf %s "$HOKUSAI_API_KEY" | hokusai-auth validate - --scope predict --via x-api-key --json',
  ],
  async run({ values, positionals, io }) {
    const via = stringOption(values, 'via') ?? 'bearer';
    if (!TRANSPORTS.includes(via as ApiKeyTransport)) {
      throw new UsageError(`--via must be one of ${TRANSPORTS.join(', ')} (got ${JSON.stringify(via)})`, this.name);
    }
    let key = positionals[0] ?? '';
    if (key === '-') key = (await io.readStdin()).trim();
    if (key.trim() === '') throw new UsageError('The API key is empty', this.name);

    const params: ValidateParams = { via: via as ApiKeyTransport };
    const service = stringOption(values, 'service');
    if (service !== undefined) params.service_id = service;
    const scope = stringOption(values, 'scope');
    if (scope !== undefined) params.required_scope = scope;
    const ip = stringOption(values, 'ip');
    if (ip !== undefined) params.client_ip = ip;

    const result = await clientFor(values, io, this.name).validate(key, params);
    writeResult(values, io, result, (data) => formatValidation(data, maskApiKey(key)));
    return result.is_valid ? 0 : 1;
  },
};
