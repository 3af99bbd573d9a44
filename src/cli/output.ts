// Writing results: the API's JSON as is for --json, readable text otherwise.
import type { OptionValues } from './command';
import type { CliIo } from './io';
import { flagOption } from './options';

/** True when the caller asked for machine output. @example if (jsonMode(values)) writeJson(io, result); */
export function jsonMode(values: OptionValues): boolean {
  return flagOption(values, 'json');
}

/** Writes an API response exactly as the API sent it (pretty-printed JSON). @example writeJson(io, await auth.keys.list()); */
export function writeJson(io: CliIo, data: unknown): void {
  io.stdout(`${JSON.stringify(data, null, 2)}\n`);
}

/**
 * Writes a result the one way the caller asked for: the API's JSON with `--json`, else `format(data)`.
 *
 * @example
 * writeResult(values, io, await auth.keys.list(), formatKeyList);
 */
export function writeResult<T>(values: OptionValues, io: CliIo, data: T, format: (data: T) => string): void {
  if (jsonMode(values)) writeJson(io, data);
  else io.stdout(format(data));
}

/** The once-only warning that goes with a full API key, on stderr so stdout stays clean for pipes. @example warnStoreKey(io); */
export function warnStoreKey(io: CliIo): void {
  io.stderr(
    'Warning: store this API key securely now. It is shown only once; if you lose it, rotate the key or create a new one.\n',
  );
}
