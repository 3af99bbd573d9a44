// Anything shaped like an API key: eight or more secret characters, so a `key_prefix` such as
// `hk_live_AbC***` (meant to be shown) is left alone. It becomes the same `hk_live_AbC***` that
// `maskApiKey` (src/keys) gives; a regex here rather than that import keeps the full key parser
// (2 kB) out of the browser bundle. A test checks both give the same mask.
const API_KEY_LIKE = /(hk_(?:live|test|dev)_[A-Za-z0-9]{3})[A-Za-z0-9]{5,}/g;
const FULL_API_KEY = /^(hk_(?:live|test|dev)_[A-Za-z0-9]{3})[A-Za-z0-9]{29}$/;
const MASK = '***';

/**
 * `text` with every known secret and anything shaped like an API key masked. API keys keep
 * the same safe prefix the server shows (`hk_live_AbC***`); other secrets become `***`.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // A well-formed key keeps its safe prefix; anything else (admin token, malformed key) is hidden whole.
    if (secret) out = out.split(secret).join((FULL_API_KEY.exec(secret)?.[1] ?? '') + MASK);
  }
  return out.replace(API_KEY_LIKE, `$1${MASK}`);
}

/** Response headers as a plain lower-case record, values redacted. */
export function redactHeaders(headers: Headers, secrets: readonly (string | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = redactText(value, secrets);
  });
  return out;
}

/**
 * A redacted stand-in for an underlying error (e.g. a network failure): its message, with the
 * message of its own cause (where fetch puts the real reason), and the innermost error `code`.
 * The original is dropped, since a custom `fetch` may have put anything on it (even the request
 * with its headers).
 */
export function redactCause(cause: unknown, secrets: readonly (string | undefined)[]): Error & { code?: string } {
  type Chain = { name?: string; message?: string; code?: string; cause?: Chain } | undefined;
  const outer = (typeof cause === 'object' ? cause : { message: String(cause) }) as Chain;
  const inner = outer?.cause;
  const text = [outer?.message, inner?.message].filter(Boolean).join(' <- ');
  const code = inner?.code ?? outer?.code;
  return Object.assign(new Error(redactText(text, secrets)), { name: outer?.name ?? 'Error' }, code && { code });
}
