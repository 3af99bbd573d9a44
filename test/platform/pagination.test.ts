// Cursor pagination on its own: what awaiting and iterating a list fetch, and when.
import { describe, expect, it } from 'vitest';
import { Page, PagePromise, type PageData } from '../../src/platform/pagination';

/** A list of `total` numbers served `size` at a time; records every cursor asked for. */
function numbers(total: number, size: number) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<PageData<number>> => {
    asked.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor.slice('c'.length));
    const data = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
    const next = start + size < total ? `c${start + size}` : null;
    return { data, next_cursor: next };
  };
  return { asked, fetchPage };
}

describe('PagePromise', () => {
  it('sends nothing until it is awaited or iterated', async () => {
    const { asked, fetchPage } = numbers(5, 2);
    const list = new PagePromise(fetchPage);
    await Promise.resolve();
    expect(asked).toEqual([]);
    await list;
    expect(asked).toEqual([undefined]);
  });

  it('await gives the first page, fetched once however often it is awaited', async () => {
    const { asked, fetchPage } = numbers(5, 2);
    const list = new PagePromise(fetchPage);
    const [a, b] = await Promise.all([list, list]);
    expect(a).toBe(b);
    expect(a).toBeInstanceOf(Page);
    expect(a.data).toEqual([0, 1]);
    expect(a.next_cursor).toBe('c2');
    expect(asked).toEqual([undefined]);
  });

  it('for await yields every item of every page, one request per page, in order', async () => {
    const { asked, fetchPage } = numbers(5, 2);
    const seen: number[] = [];
    for await (const n of new PagePromise(fetchPage)) seen.push(n);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(asked).toEqual([undefined, 'c2', 'c4']);
  });

  it('a loop that stops early fetches no further page', async () => {
    const { asked, fetchPage } = numbers(100, 10);
    for await (const n of new PagePromise(fetchPage)) if (n === 12) break;
    expect(asked).toEqual([undefined, 'c10']);
  });

  it('starts at the cursor it was given', async () => {
    const { asked, fetchPage } = numbers(5, 2);
    expect(await new PagePromise(fetchPage, 'c2').toArray()).toEqual([2, 3, 4]);
    expect(asked[0]).toBe('c2');
  });

  it('toArray collects everything, or at most max items without fetching more pages', async () => {
    const all = numbers(7, 3);
    expect(await new PagePromise(all.fetchPage).toArray()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const some = numbers(7, 3);
    expect(await new PagePromise(some.fetchPage).toArray(4)).toEqual([0, 1, 2, 3]);
    expect(some.asked).toEqual([undefined, 'c3']);
    const none = numbers(7, 3);
    expect(await new PagePromise(none.fetchPage).toArray(0)).toEqual([]);
    expect(none.asked).toEqual([]);
  });

  it('iterPages walks page by page', async () => {
    const { fetchPage } = numbers(5, 2);
    const pages: number[][] = [];
    for await (const page of new PagePromise(fetchPage).iterPages()) pages.push(page.data);
    expect(pages).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('an empty list is one empty last page', async () => {
    const { fetchPage } = numbers(0, 10);
    const page = await new PagePromise(fetchPage);
    expect(page.data).toEqual([]);
    expect(page.hasNextPage()).toBe(false);
    expect(await new PagePromise(fetchPage).toArray()).toEqual([]);
  });

  it('a failing page rejects the await and the loop with the same error', async () => {
    const boom = new Error('boom');
    const list = new PagePromise<number>(async () => {
      throw boom;
    });
    await expect(list).rejects.toBe(boom);
    await expect((async () => {
      for await (const _ of list) void _;
    })()).rejects.toBe(boom);
  });
});

describe('Page', () => {
  it('getNextPage fetches the following page; on the last page it says there is none', async () => {
    const { fetchPage } = numbers(3, 2);
    const first = await new PagePromise(fetchPage);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data).toEqual([2]);
    expect(second.hasNextPage()).toBe(false);
    await expect(second.getNextPage()).rejects.toThrow(RangeError);
  });

  it('iterating a page yields its items and those of the pages after it', async () => {
    const { fetchPage } = numbers(5, 2);
    const second = await (await new PagePromise(fetchPage)).getNextPage();
    const seen: number[] = [];
    for await (const n of second) seen.push(n);
    expect(seen).toEqual([2, 3, 4]);
  });
});
