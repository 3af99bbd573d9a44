/**
 * Runs one call per id at a time: callers asking for an id already in flight share its promise,
 * so N concurrent first requests with one key cause one validation.
 *
 * @example
 * const flights = new SingleFlight<Answer>();
 * const answer = await flights.run(id, (current) => validate(key, current));
 */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, { promise: Promise<T>; current: boolean }>();

  /**
   * `work` gets `current()`: false once `forget` dropped this flight, so it does not store an
   * answer that was asked for before an invalidation.
   */
  run(id: string, work: (current: () => boolean) => Promise<T>): Promise<T> {
    const existing = this.#inFlight.get(id);
    if (existing) return existing.promise;
    const flight = { promise: undefined as unknown as Promise<T>, current: true };
    flight.promise = work(() => flight.current).finally(() => {
      if (this.#inFlight.get(id) === flight) this.#inFlight.delete(id);
    });
    this.#inFlight.set(id, flight);
    return flight.promise;
  }

  /** Drops every flight whose id starts with `prefix`; later callers start a new one. */
  forget(prefix: string): void {
    for (const [id, flight] of this.#inFlight) {
      if (!id.startsWith(prefix)) continue;
      flight.current = false;
      this.#inFlight.delete(id);
    }
  }
}
