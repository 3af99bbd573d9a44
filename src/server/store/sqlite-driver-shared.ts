// Helpers the built-in SQLite backends share to answer like better-sqlite3.

/** The value of a row's first column (`undefined` for no row), as better-sqlite3's `pluck()` gives it. */
export function firstColumn(row: unknown): unknown {
  if (row === undefined || row === null) return undefined;
  return Object.values(row as Record<string, unknown>)[0];
}

/** What better-sqlite3's `pragma()` returns for these rows: all of them, or the first value with `simple`. */
export function pragmaResult(rows: unknown[], options?: { simple?: boolean }): unknown {
  return options?.simple ? firstColumn(rows[0]) : rows;
}

/** The named parameters (`@name`, `:name`, `$name`) of a statement, without their prefix. */
export function namedParameters(sql: string): string[] {
  return [...new Set([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((match) => match[1] as string))];
}

/**
 * The parameters as better-sqlite3 binds them: from an object, exactly the statement's named
 * parameters (other properties ignored, a missing one an error rather than a silent NULL).
 */
export function bindParameters(names: readonly string[], params: unknown[]): unknown[] {
  const [first] = params;
  if (names.length === 0 || params.length !== 1 || !isPlainObject(first)) return params;
  const bound: Record<string, unknown> = {};
  for (const name of names) {
    if (!(name in first)) throw new RangeError(`Missing named parameter "${name}"`);
    bound[name] = first[name];
  }
  return [bound];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
}
