// Every command of the CLI, in the order help lists them.
import type { TopLevelCommand } from '../command';
import { balanceCommands } from './balance';
import { bansCommands } from './bans';
import { keysCommands } from './keys';
import { loginCommand } from './login';
import { mockCommand } from './mock';
import { orgsCommands } from './orgs';
import { tokenCommands } from './token';
import { outboxCommand } from './outbox';
import { registerCommand } from './register';
import { registrationCommands } from './registration';
import { registrationsCommands } from './registrations';
import { usageCommands } from './usage';
import { validateCommand } from './validate';
import { whitelistCommands } from './whitelist';

/** @example COMMANDS.map((command) => command.name); // ['mock', 'keys', 'validate', 'usage', 'balance', 'login', 'orgs', 'token', 'register', ...] */
export const COMMANDS: readonly TopLevelCommand[] = [
  mockCommand,
  keysCommands,
  validateCommand,
  usageCommands,
  balanceCommands,
  loginCommand,
  orgsCommands,
  tokenCommands,
  registerCommand,
  registrationCommands,
  registrationsCommands,
  whitelistCommands,
  bansCommands,
  outboxCommand,
];
