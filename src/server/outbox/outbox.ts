import type { Clock } from '../clock';
import { randomUuid } from '../engine/uuid';

/**
 * One mail the server would have sent. `links` are the URLs in `text` a reader would follow
 * (verification, claim, invitation), so a test can pick one without parsing the text.
 *
 * @example
 * const mail: OutboxMail = controls.outbox().at(-1)!;
 * await fetch(mail.links[0]!);
 */
export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  /** ISO 8601 UTC, from the server's clock. */
  created_at: string;
}

/**
 * What `Outbox.send` takes: everything but the id and time.
 *
 * @example
 * const mail: OutgoingMail = { to: 'ada@example.com', subject: 'Verify your email', text: 'Open https://…', links: ['https://…'] };
 */
export type OutgoingMail = Omit<OutboxMail, 'id' | 'created_at'>;

/** Called once per mail as it is kept (the Node server prints it on its request log). */
export type OutboxListener = (mail: OutboxMail) => void;

/** The oldest mails are dropped past this many, so a long-running server stays bounded. */
export const OUTBOX_CAPACITY = 1000;

/**
 * The stub's mail: nothing is delivered, every mail is kept (newest last) for tests and
 * developers to read, and announced to listeners. Held in memory only: it can carry
 * single-use claim and verification links, which have no business on disk.
 *
 * @example
 * const outbox = new Outbox(systemClock);
 * outbox.send({ to: 'ada@example.com', subject: 'Welcome', text: 'Hello', links: [] });
 * outbox.list(); // [{ id, to: 'ada@example.com', subject: 'Welcome', text: 'Hello', links: [], created_at }]
 */
export class Outbox {
  readonly #clock: Clock;
  readonly #capacity: number;
  #mails: OutboxMail[] = [];
  readonly #listeners = new Set<OutboxListener>();

  constructor(clock: Clock, capacity = OUTBOX_CAPACITY) {
    this.#clock = clock;
    this.#capacity = capacity;
  }

  /** Keeps a mail and tells the listeners; returns it with its id and time. */
  send(mail: OutgoingMail): OutboxMail {
    const kept: OutboxMail = {
      id: randomUuid(),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      links: [...mail.links],
      created_at: new Date(this.#clock.now()).toISOString(),
    };
    this.#mails.push(kept);
    if (this.#mails.length > this.#capacity) this.#mails.splice(0, this.#mails.length - this.#capacity);
    for (const listener of this.#listeners) {
      try {
        listener(kept);
      } catch {
        // A failing log writer must not fail the request that sent the mail.
      }
    }
    return kept;
  }

  /** Every kept mail, oldest first (copies: changing them changes nothing here). */
  list(): OutboxMail[] {
    return this.#mails.map((mail) => ({ ...mail, links: [...mail.links] }));
  }

  /** Forgets every mail (test controls' reset). */
  clear(): void {
    this.#mails = [];
  }

  /** Calls `listener` for every later mail; returns the function that stops it. */
  subscribe(listener: OutboxListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
