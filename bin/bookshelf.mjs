#!/usr/bin/env node
// The `bookshelf` command: runs catalog/cli/main.ts through tsx, so no build step is needed.
// `bookshelf self-test [--json]` starts without loading the rest of the CLI, so that a part left
// out of an installation (sharp, say) is named by the self-test instead of stopping the command.
import { register } from 'tsx/esm/api';

register();
const args = process.argv.slice(2);
if (args[0] === 'self-test' && args.slice(1).every((arg) => arg === '--json')) {
  const { runSelfTestCommand } = await import('../catalog/cli/self-test.ts');
  process.exitCode = await runSelfTestCommand(args.includes('--json'));
} else {
  const { main } = await import('../catalog/cli/main.ts');
  process.exitCode = await main(args);
}
