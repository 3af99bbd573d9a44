/**
 * The command line itself is wrong (unknown command or option, missing argument, bad value,
 * no admin token): nothing was sent. Exit status 2.
 *
 * @example
 * throw new UsageError('Missing argument <key_id>', 'keys get');
 */
export class UsageError extends Error {
  static {
    this.prototype.name = 'UsageError';
  }

  /** The command whose help fits the mistake, e.g. `keys create` (empty for the top level). */
  readonly command: string;

  constructor(message: string, command = '') {
    super(message);
    this.command = command;
  }
}
