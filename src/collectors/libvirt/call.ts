/** One virsh command run through `ctx.call`: concurrency, timeout (via the signal), retries, coverage. */
import type { CallResult, CollectContext } from '../types.js';
import type { LibvirtTarget } from './target.js';
import { runVirsh } from './virsh.js';

export interface VirshOp {
  service: string;
  /** The coverage operation: the virsh command, e.g. `dumpxml`. */
  operation: string;
  /** Node id of the object the command is about, for per-resource gaps. */
  resource?: string;
}

export function virsh(ctx: CollectContext, target: LibvirtTarget, op: VirshOp, command: readonly string[]): Promise<CallResult<string>> {
  return ctx.call(op, (signal) => runVirsh({ virshPath: target.virshPath, uri: target.uri, readOnly: target.readOnly }, command, signal));
}

/** The value of a call, or null when it failed (the failure is already a coverage row). */
export const valueOrNull = (r: CallResult<string>): string | null => (r.ok ? r.value : null);
