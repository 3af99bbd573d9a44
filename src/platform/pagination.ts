// Cursor pagination: a list call is awaitable (its first page) and async-iterable (every item
// of every page, fetched one page at a time as the loop needs them).

/** One page as a resource reads it from a list response. */
export interface PageData<T> {
  /** The items of this page, in the server's order. */
  data: T[];
  /** The cursor of the next page; `null` on the last page. */
  next_cursor: string | null;
}

/** Fetches the page that starts at `cursor` (the first page when `undefined`). */
export type FetchPage<T> = (cursor: string | undefined) => Promise<PageData<T>>;

/**
 * One page of a paginated list. Iterating a page with `for await` yields its items and then
 * those of every following page.
 *
 * @example
 * let page = await auth.organizations.keys.list(orgId, { limit: 20 });
 * console.log(page.data.length);
 * while (page.hasNextPage()) page = await page.getNextPage();
 */
export class Page<T> implements AsyncIterable<T> {
  /** The items of this page. */
  readonly data: T[];
  /** Cursor of the next page, `null` on the last one (pass it as `cursor` to resume later). */
  readonly next_cursor: string | null;
  readonly #fetchPage: FetchPage<T>;

  constructor(page: PageData<T>, fetchPage: FetchPage<T>) {
    this.data = page.data;
    this.next_cursor = page.next_cursor;
    this.#fetchPage = fetchPage;
  }

  /** True when there is a page after this one. @example if (page.hasNextPage()) page = await page.getNextPage(); */
  hasNextPage(): boolean {
    return this.next_cursor !== null;
  }

  /**
   * Fetches the page after this one.
   *
   * @throws RangeError on the last page (check `hasNextPage()` first).
   * @example
   * const second = await first.getNextPage();
   */
  async getNextPage(): Promise<Page<T>> {
    if (this.next_cursor === null) throw new RangeError('This is the last page: there is no next page to fetch');
    return new Page(await this.#fetchPage(this.next_cursor), this.#fetchPage);
  }

  /** This page and every following one, fetched as the loop asks. @example for await (const page of first.iterPages()) console.log(page.data.length); */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What a list method returns: await it for the first page, or iterate it with `for await` for
 * every item across pages. Nothing is sent until you do either; the first page is fetched once.
 *
 * @example
 * for await (const key of auth.organizations.keys.list(orgId)) console.log(key.key_prefix);
 *
 * const first = await auth.organizations.keys.list(orgId, { limit: 10 });
 * const everything = await auth.organizations.auditLogs.list(orgId).toArray();
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetchPage: FetchPage<T>;
  readonly #firstCursor: string | undefined;
  #first: Promise<Page<T>> | undefined;

  constructor(fetchPage: FetchPage<T>, firstCursor?: string) {
    this.#fetchPage = fetchPage;
    this.#firstCursor = firstCursor;
  }

  /** The first page (fetched once, however often it is awaited). */
  firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetchPage(this.#firstCursor).then((data) => new Page(data, this.#fetchPage));
    return this.#first;
  }

  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  /** Every page, one request each, as the loop asks. @example for await (const page of auth.organizations.members.list(orgId).iterPages()) render(page.data); */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    yield* (await this.firstPage()).iterPages();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    yield* await this.firstPage();
  }

  /**
   * Every item of every page in one array, up to `max` items (all when omitted).
   *
   * @example
   * const members = await auth.organizations.members.list(orgId).toArray();
   */
  async toArray(max = Infinity): Promise<T[]> {
    const items: T[] = [];
    if (max <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}
