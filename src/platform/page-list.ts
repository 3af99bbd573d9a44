// Cursor pagination shared by every list of the platform API: one page per request, walked
// lazily, as items (`for await`) or as whole pages (`.pages()`).

/**
 * One page as the SDK hands it out: its items and the cursor of the next page (`null` on the last).
 *
 * @example
 * const page: ListPage<{ id: string }> = { items: [{ id: 'a' }], next_cursor: null };
 */
export interface ListPage<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * Fetches the page that starts at `cursor` (`undefined` for the first one).
 *
 * @example
 * const fetchPage: FetchListPage<Registration> = async (cursor) => {
 *   const body = await getJson(`/registrations?cursor=${cursor ?? ''}`);
 *   return { items: body.items, next_cursor: body.next_cursor };
 * };
 */
export type FetchListPage<T> = (cursor: string | undefined) => Promise<ListPage<T>>;

/**
 * A list that may span many pages. Nothing is fetched until it is iterated; each page is one
 * request, made only when the previous one is used up, so `break` stops fetching.
 *
 * @example
 * const list = auth.admin.registrations.list({ status: 'pending_approval' });
 * for await (const registration of list) console.log(registration.contact_email);
 * for await (const page of list.pages()) console.log(page.items.length, page.next_cursor);
 * const first = await list.firstPage();
 */
export class PageList<T> implements AsyncIterable<T> {
  readonly #fetchPage: FetchListPage<T>;

  constructor(fetchPage: FetchListPage<T>) {
    this.#fetchPage = fetchPage;
  }

  /** The first page only (one request). */
  firstPage(): Promise<ListPage<T>> {
    return this.#fetchPage(undefined);
  }

  /**
   * Every page in order, following `next_cursor` until it is `null`. Throws if the server hands
   * back a cursor it already gave (a loop that would never end).
   */
  async *pages(): AsyncGenerator<ListPage<T>, void, undefined> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await this.#fetchPage(cursor);
      yield page;
      if (page.next_cursor === null || page.next_cursor === undefined || page.next_cursor === '') return;
      if (seen.has(page.next_cursor)) throw new Error(`Pagination loop: the server sent the cursor ${JSON.stringify(page.next_cursor)} twice`);
      seen.add(page.next_cursor);
      cursor = page.next_cursor;
    }
  }

  /** Every item of every page, in order. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /**
   * Collects items into an array, stopping after `max` (default: all of them).
   *
   * @example
   * const firstHundred = await auth.admin.registrations.list().toArray(100);
   */
  async toArray(max = Infinity): Promise<T[]> {
    const out: T[] = [];
    if (max <= 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= max) break;
    }
    return out;
  }
}
