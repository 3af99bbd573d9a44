/**
 * Paths of the admin surface: everything the admin token opens (key management, usage
 * statistics, billing and aggregates, registration administration) and the test controls.
 * Browsers get CORS on these only from origins given with `--cors-origin`; every other path
 * (validation, usage records, models, health, sign-in, registration) stays open to any origin.
 */
const ADMIN_PATHS = [
  /^\/__hokusai(\/|$)/,
  /^\/api\/v1\/keys\/?$/,
  /^\/api\/v1\/keys\/(?!validate\/?$)[^/]+(\/rotate)?\/?$/,
  /^\/api\/v1\/usage\/(aggregate|[^/]+\/(stats|billing))\/?$/,
  /^\/api\/v1\/admin(\/|$)/,
];

/**
 * True for a path of the admin surface.
 *
 * @example
 * isAdminPath('/api/v1/keys'); // true
 * isAdminPath('/api/v1/keys/validate'); // false
 */
export function isAdminPath(path: string): boolean {
  return ADMIN_PATHS.some((pattern) => pattern.test(path));
}

/**
 * The path of an absolute URL without parsing all of it (this runs on every response).
 *
 * @example
 * pathOfUrl('http://127.0.0.1:8787/api/v1/keys?x=1'); // '/api/v1/keys'
 */
export function pathOfUrl(url: string): string {
  const scheme = url.indexOf('//');
  const start = url.indexOf('/', scheme === -1 ? 0 : scheme + 2);
  if (start === -1) return '/';
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query !== -1) end = query;
  const hash = url.indexOf('#', start);
  if (hash !== -1 && hash < end) end = hash;
  return url.slice(start, end);
}
