// Who made a request, as far as the routes after authentication need to know: the admin token
// holder or an anonymous caller. Kept beside the request rather than in Hono's context
// variables so the route types stay as they are.
const adminRequests = new WeakSet<Request>();

/** Marks a request whose admin token was checked. */
export function markAdminCaller(request: Request): void {
  adminRequests.add(request);
}

/**
 * True when the admin token of this request was checked.
 *
 * @example
 * const namespace = isAdminCaller(c.req.raw) ? 'admin' : `key:${c.req.param('key_id')}`;
 */
export function isAdminCaller(request: Request): boolean {
  return adminRequests.has(request);
}
