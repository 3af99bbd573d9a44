// Every command of the CLI, in the order help lists them.
import type { TopLevelCommand } from '../command';
import { balanceCommands } from './balance';
import { keysCommands } from './keys';
import { loginCommand } from './login';
import { mockCommand } from './mock';
import { orgsCommands } from './orgs';
import { tokenCommands } from './token';
import { usageCommands } from './usage';
import { validateCommand } from './validate';

/** @example COMMANDS.map((command) => command.name); // ['mock', 'keys', 'validate', 'usage', 'balance', 'login', 'orgs', 'token'] */
export const COMMANDS: readonly TopLevelCommand[] = [
  mockCommand,
  keysCommands,
  validateCommand,
  usageCommands,
  balanceCommands,
  loginCommand,
  orgsCommands,
  tokenCommands,
];
