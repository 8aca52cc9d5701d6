/** What every command receives. */
import type { CloudwardenConfig } from '../../config/config-types.js';
import type { ParsedArgs } from '../args.js';
import type { Output } from '../output.js';

export interface CommandContext {
  args: ParsedArgs;
  config: CloudwardenConfig;
  configPath: string | null;
  env: NodeJS.ProcessEnv;
  cwd: string;
  out: Output;
}
