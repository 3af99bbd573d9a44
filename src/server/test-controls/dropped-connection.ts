/**
 * Raised by the app when a test control says to drop the connection. It is a `TypeError`, as
 * `fetch` rejects with on a network failure, so code calling `app.fetch` in-process sees what
 * it would see over a real network. The TCP server answers it by destroying the socket; the
 * msw handlers by `HttpResponse.error()`.
 *
 * @example
 * controls.failNext({ path: '/health', drop: true });
 * await app.request('/health').catch((error) => error instanceof DroppedConnectionError); // true
 */
export class DroppedConnectionError extends TypeError {
  override readonly name = 'DroppedConnectionError';

  constructor() {
    super('Connection dropped by a test control (failNext with drop: true)');
  }
}

/**
 * True for the error of a dropped connection (also across bundles, where `instanceof` may not
 * hold).
 *
 * @example
 * try { return await app.fetch(request); } catch (error) { if (isDroppedConnection(error)) socket.destroy(); }
 */
export function isDroppedConnection(error: unknown): error is DroppedConnectionError {
  return error instanceof DroppedConnectionError || (error instanceof TypeError && error.name === 'DroppedConnectionError');
}
