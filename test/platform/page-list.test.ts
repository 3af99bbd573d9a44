// The cursor walk every admin list uses: lazy, one request per page, stops on a null cursor or
// a `break`, and refuses a server that sends a cursor twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageList, type ListPage as Page } from '../../src/platform/page-list';

/** A server holding `items`, cut into pages of `size`; records every cursor it was asked for. */
function pagedServer<T>(items: T[], size: number) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<T>> => {
    asked.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = start + size;
    return { items: items.slice(start, end), next_cursor: end < items.length ? String(end) : null };
  };
  return { asked, list: new PageList(fetchPage) };
}

describe('PageList', () => {
  it('yields every item once, in order, whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 25 }), async (items, size) => {
        const { list, asked } = pagedServer(items, size);
        const seen: number[] = [];
        for await (const item of list) seen.push(item);
        expect(seen).toEqual(items);
        expect(asked.length).toBe(Math.max(1, Math.ceil(items.length / size)));
      }),
    );
  });

  it('hands out whole pages with their cursors, and the first page alone with one request', async () => {
    const { list, asked } = pagedServer(['a', 'b', 'c', 'd', 'e'], 2);
    const pages: Page<string>[] = [];
    for await (const page of list.pages()) pages.push(page);
    expect(pages).toEqual([
      { items: ['a', 'b'], next_cursor: '2' },
      { items: ['c', 'd'], next_cursor: '4' },
      { items: ['e'], next_cursor: null },
    ]);
    expect(asked).toEqual([undefined, '2', '4']);
    asked.length = 0;
    expect(await list.firstPage()).toEqual({ items: ['a', 'b'], next_cursor: '2' });
    expect(asked).toEqual([undefined]);
  });

  it('fetches nothing until iterated, and nothing past a break', async () => {
    const { list, asked } = pagedServer([1, 2, 3, 4, 5, 6], 2);
    expect(asked).toEqual([]);
    for await (const item of list) if (item === 2) break;
    expect(asked).toEqual([undefined]);
    expect(await list.toArray(3)).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, undefined, '2']);
    expect(await list.toArray(0)).toEqual([]);
  });

  it('stops with a clear error when the server sends the same cursor twice', async () => {
    const looping = new PageList(async (cursor) => ({ items: [cursor ?? 'first'], next_cursor: 'again' }));
    await expect(looping.toArray()).rejects.toThrow(/Pagination loop: the server sent the cursor "again" twice/);
  });

  it('passes a failing page on to the caller', async () => {
    const failing = new PageList<number>(async (cursor) => {
      if (cursor) throw new Error('page 2 failed');
      return { items: [1], next_cursor: 'next' };
    });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of failing) seen.push(item);
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([1]);
  });
});
