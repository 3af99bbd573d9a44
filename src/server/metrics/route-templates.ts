/**
 * Maps a request path to the route it matched (`/api/v1/keys/3d6f…` → `/api/v1/keys/{key_id}`),
 * so metrics count per route, not per id. Answers are cached per path (bounded), so the hot
 * path costs one map lookup.
 *
 * @example
 * const templates = new RouteTemplates(['/health', '/api/v1/keys/:key_id']);
 * templates.of('/api/v1/keys/abc'); // '/api/v1/keys/{key_id}'
 */
export class RouteTemplates {
  static readonly UNMATCHED = 'unmatched';
  static readonly CACHE_LIMIT = 2000;
  readonly #routes: { pattern: RegExp; template: string }[];
  readonly #cache = new Map<string, string>();

  constructor(paths: readonly string[]) {
    this.#routes = paths.map((path) => ({
      pattern: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z_]+)/g, '[^/]+')}$`),
      template: path.replace(/:([A-Za-z_]+)/g, '{$1}'),
    }));
  }

  of(path: string): string {
    const cached = this.#cache.get(path);
    if (cached !== undefined) return cached;
    const template = this.#routes.find((route) => route.pattern.test(path))?.template ?? RouteTemplates.UNMATCHED;
    if (this.#cache.size >= RouteTemplates.CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(path, template);
    return template;
  }
}
