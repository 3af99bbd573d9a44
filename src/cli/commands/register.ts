// `hokusai-auth register`: apply for API access (public, no admin token).
import type { RegistrationRequest } from '../../platform/types';
import { clientFor } from '../client';
import type { Command } from '../command';
import { formatSubmitted } from '../format-registration';
import { OUTPUT_OPTIONS, requiredOption, stringOption, URL_OPTION } from '../options';
import { writeResult } from '../output';

/** `hokusai-auth register`. @example await registerCommand.run({ values, positionals: [], io }); */
export const registerCommand: Command = {
  name: 'register',
  summary: 'Apply for API access (a verification mail follows)',
  usage: '--org <name> --email <email> --name <name> --use-case <text> [options]',
  description:
    'Submits a registration. The service mails a verification link to --email; once the email is\n' +
    'verified an admin reviews the application, and approval mails a link to claim the API key.\n' +
    "On a local server, read the mails with 'hokusai-auth outbox'. No admin token is needed.",
  positionals: [],
  options: {
    org: { type: 'string', value: '<name>', description: 'Your organization or project name (required)' },
    email: { type: 'string', value: '<email>', description: 'Email for verification and communication (required)' },
    name: { type: 'string', value: '<name>', description: 'Your full name (required)' },
    'use-case': { type: 'string', value: '<text>', description: 'How you intend to use the platform (required)' },
    website: { type: 'string', value: '<url>', description: 'Your website, an http(s) URL' },
    'captcha-token': { type: 'string', value: '<token>', description: 'CAPTCHA token, for a server that requires one' },
    ...URL_OPTION,
    ...OUTPUT_OPTIONS,
  },
  examples: [
    'hokusai-auth register --org "Acme AI Labs" --email dev@acme.ai --name "Jane Smith" --use-case "Predictions in our analytics" --url http://127.0.0.1:8787',
    'hokusai-auth register --org Acme --email dev@acme.ai --name Jane --use-case Analytics --website https://acme.ai --json',
  ],
  async run({ values, io }) {
    const application: RegistrationRequest = {
      organization_name: requiredOption(values, 'org', this.name),
      contact_email: requiredOption(values, 'email', this.name),
      contact_name: requiredOption(values, 'name', this.name),
      use_case: requiredOption(values, 'use-case', this.name),
    };
    const website = stringOption(values, 'website');
    if (website !== undefined) application.website_url = website;
    const captcha = stringOption(values, 'captcha-token');
    if (captcha !== undefined) application.captcha_token = captcha;
    const created = await clientFor(values, io, this.name).registration.submit(application);
    writeResult(values, io, created, formatSubmitted);
    return 0;
  },
};
