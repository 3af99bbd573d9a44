// The list commands' paging: every page by default, or one page of `--limit` items from
// `--cursor`, printed as the API's page shape (`{ data, next_cursor }`) with --json.
import type { PageData, PagePromise } from '../platform';
import type { OptionSpecs, OptionValues } from './command';
import type { CliIo } from './io';
import { integerOption, stringOption } from './options';
import { writeResult } from './output';
import { UsageError } from './usage-error';

/** `--limit` and `--cursor` of the list commands. @example const options = { ...PAGE_OPTIONS }; */
export const PAGE_OPTIONS: OptionSpecs = {
  limit: { type: 'string', value: '<n>', description: 'Show one page of at most n items, 1-100 (default: every page)' },
  cursor: { type: 'string', value: '<cursor>', description: 'Start at this page (the next_cursor a --limit page printed)' },
};

/** `limit` and `cursor` for the SDK's list call. @example const page = pageParams(values, 'orgs list'); */
export function pageParams(values: OptionValues, command: string): { limit?: number; cursor?: string } {
  const limit = integerOption(values, 'limit', command);
  if (limit !== undefined && (limit < 1 || limit > 100)) throw new UsageError(`--limit must be between 1 and 100 (got ${limit})`, command);
  const cursor = stringOption(values, 'cursor');
  return { ...(limit !== undefined && { limit }), ...(cursor !== undefined && { cursor }) };
}

/**
 * Fetches what the command line asked for (one page with `--limit`, else all) and prints it:
 * `{ data, next_cursor }` with --json, else `format(items)` and how to get the next page.
 *
 * @example
 * await writePages(values, io, auth.organizations.list(pageParams(values, this.name)), formatOrganizations);
 */
export async function writePages<T>(
  values: OptionValues,
  io: CliIo,
  list: PagePromise<T>,
  format: (items: readonly T[]) => string,
): Promise<void> {
  let page: PageData<T>;
  if (stringOption(values, 'limit') !== undefined) {
    const { data, next_cursor } = await list;
    page = { data, next_cursor };
  } else {
    page = { data: await list.toArray(), next_cursor: null };
  }
  writeResult(values, io, page, ({ data, next_cursor }) =>
    format(data) + (next_cursor === null ? '' : `More: add --cursor ${next_cursor} for the next page.\n`),
  );
}
