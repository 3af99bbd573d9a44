// `hokusai-auth outbox`: the mails a local stub server would have sent (verification, welcome
// with the claim link, rejection, invitations), through its test controls.
import type { Command } from '../command';
import { controlsRequest } from '../controls-request';
import type { OutboxMail } from '../../server/outbox';
import { formatOutbox } from '../format-registration';
import { ADMIN_COMMAND_OPTIONS, flagOption, stringOption } from '../options';
import { writeResult } from '../output';

/** `hokusai-auth outbox`. @example await outboxCommand.run({ values: { to: 'dev@acme.ai' }, positionals: [], io }); */
export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'Mails a local server would have sent, with their links',
  usage: '[--to <email>] [--last] [--text] [options]',
  description:
    'Shows the mails of a local stub server started with --test-controls, oldest first: recipient,\n' +
    'subject and the links to follow (verification, claim, invitation). Nothing is ever delivered.',
  positionals: [],
  options: {
    to: { type: 'string', value: '<email>', description: 'Only mails to this address' },
    last: { type: 'boolean', description: 'Only the newest mail' },
    text: { type: 'boolean', description: 'Print the mails in full' },
    ...ADMIN_COMMAND_OPTIONS,
  },
  examples: ['hokusai-auth outbox --to dev@acme.ai --last', 'hokusai-auth outbox --json'],
  async run({ values, io }) {
    let mails = await controlsRequest<OutboxMail[]>(values, io, this.name, {
      path: 'outbox',
      notFound: 'No outbox here: the server must be a local stub started with --test-controls',
    });
    const to = stringOption(values, 'to')?.trim().toLowerCase();
    if (to) mails = mails.filter((mail) => mail.to.toLowerCase() === to);
    if (flagOption(values, 'last')) mails = mails.slice(-1);
    const full = flagOption(values, 'text');
    writeResult(values, io, mails, (list) => (full ? list.map((mail) => `${formatOutbox([mail])}\n${mail.text}\n`).join('\n') : formatOutbox(list)));
    return 0;
  },
};
