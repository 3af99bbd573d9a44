export { Outbox, OUTBOX_CAPACITY } from './outbox';
export type { OutboxListener, OutboxMail, OutgoingMail } from './outbox';
export { formatMailLine } from './log-line';
