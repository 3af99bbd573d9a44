import type { RequestOptions } from '../request-options';
import type { Transport } from '../transport';
import type { ModelList } from '../types';
import type { ApiClient } from './api-client';
import { requireId } from './require-id';

/**
 * A Hokusai service called with an API key (`auth.models`): step 3 of the quickstart.
 *
 * @example
 * const { models } = await auth.models.list(apiKey);
 */
export interface ModelsResource {
  /**
   * Lists models, sending the API key as a Bearer token. The key is validated for the
   * `prediction` service and one use is recorded. A refused key throws `AuthenticationError`
   * (its `detail` says why); a rate-limited one `RateLimitError`.
   *
   * @example
   * const { models } = await auth.models.list('hk_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456');
   * console.log(models.map((model) => model.id));
   */
  list(apiKey: string, options?: RequestOptions): Promise<ModelList>;
}

/** Builds `auth.models`. */
export function modelsResource(api: ApiClient, transport: Transport): ModelsResource {
  return {
    list: async (apiKey, options) =>
      transport.data(
        { name: 'models.list', method: 'GET', apiKey, headers: { Authorization: `Bearer ${requireId(apiKey, 'apiKey')}` } },
        options,
        (init) => api.GET('/v1/models', init),
      ),
  };
}
