// Entry point of the GitHub Action (action.yml → action/dist/index.js, built by
// `npm run build:action`): runs runAction with the runner's environment.
import { runAction } from './runAction';
import { escapeData } from './workflowCommands';

runAction({
  env: process.env,
  log: (line) => process.stdout.write(`${line}\n`),
  errorLog: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stdout.write(`::error title=Stage Guide::${escapeData(message)}\n`);
    process.exitCode = 70;
  },
);
