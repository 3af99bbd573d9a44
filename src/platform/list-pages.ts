import type { RequestOptions } from '../client/request-options';
import type { AttemptInit, AttemptResult, Operation } from '../client/transport';
import type { PlatformContext } from './context';
import { PagePromise, type PageData } from './pagination';

/**
 * A paginated list call made with the access token: one request per page, each one retried and
 * timed like any call. `request` sends the query with the page's `cursor`.
 */
export function listPages<T>(
  { transport, withToken }: PlatformContext,
  op: Omit<Operation, 'apiKey' | 'headers'>,
  firstCursor: string | undefined,
  options: RequestOptions | undefined,
  request: (init: AttemptInit, cursor: string | undefined) => Promise<AttemptResult & { data?: PageData<T> }>,
): PagePromise<T> {
  return new PagePromise<T>(
    (cursor) => transport.data(withToken(op), options, (init) => request(init, cursor)),
    firstCursor,
  );
}
