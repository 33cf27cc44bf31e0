import type { CliCommand } from './command';
import { assessCommand } from './commands/assess';
import { checkCommand } from './commands/check';
import { initCommand } from './commands/init';
import { matrixCommand } from './commands/matrix';
import { setCommand } from './commands/set';
import { showCommand } from './commands/show';
import { upgradesCommand } from './commands/upgrades';
import { validateCommand } from './commands/validate';

/** Every subcommand, in the order `stage-guide --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  showCommand,
  upgradesCommand,
  checkCommand,
  assessCommand,
  matrixCommand,
  validateCommand,
  initCommand,
  setCommand,
];
