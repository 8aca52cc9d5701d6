/**
 * Leaked-secret scanning of files and git history, correlated with the IAM inventory.
 * Detection is pure (`../detectors.ts`, `scan-text.ts`, `findings.ts`, `privilege.ts`); file and git
 * I/O sit in `walk.ts` and `git-history.ts`.
 */
import type { Snapshot } from '../../graph/schema.js';
import type { Finding } from '../../results/schema.js';
import { groupLeaks, indexInventory, leakFindings, type InventoryKey } from './findings.js';
import type { PrivilegeVerdict } from './privilege.js';
import { privilegesFromRego } from './privilege-rego.js';
import { scanPath, type ScanPathOptions } from './run.js';
import type { ScanOutcome } from './types.js';

export { loadAllowlist, parseAllowlist, allowedBy, DETECTOR_IDS } from './allowlist.js';
export type { AllowEntry, AllowCandidate } from './allowlist.js';
export { scanText, PAIR_DISTANCE_LINES } from './scan-text.js';
export { scanWorkingTree, looksBinary, DEFAULT_MAX_FILE_BYTES } from './walk.js';
export { scanGitHistory, parseGitLog, isGitRepository } from './git-history.js';
export { groupLeaks, indexInventory, leakFindings, awsKeySeverity, SECRET_POLICIES, EXAMPLE_POLICY_ID } from './findings.js';
export type { InventoryKey, KeyStatus, PrivilegeSource } from './findings.js';
export { privilegesFromRego, AWS_IAM_LIB_PACKAGE } from './privilege-rego.js';
export { principalPrivilege, actionMatches, ESCALATION_ACTIONS } from './privilege.js';
export type { PrivilegeLevel, PrivilegeVerdict } from './privilege.js';
export { scanPath } from './run.js';
export type { ScanPathOptions } from './run.js';
export { buildSecretsReport, formatSecrets, SECRETS_FORMATS } from './output.js';
export type { SecretsFormat, SecretsReport } from './output.js';
export type { Leak, LeakHit, LeakLocation, ScanOutcome, SkippedPath } from './types.js';

/** Scans a path and turns what it finds into findings, matched against `snapshot` when given. */
export async function scanPathForFindings(path: string, snapshot: Pick<Snapshot, 'nodes' | 'edges'> | null, options: ScanPathOptions = {}): Promise<{ outcome: ScanOutcome; findings: Finding[]; warnings: string[] }> {
  const outcome = await scanPath(path, options);
  const warnings: string[] = [];
  let inventory: Map<string, InventoryKey> | null = null;
  if (snapshot !== null) {
    const rights = awsPrivileges(snapshot, options.policyLibDir);
    if (rights.warning) warnings.push(rights.warning);
    inventory = indexInventory(snapshot, rights.privileges);
  }
  return { outcome, findings: leakFindings(groupLeaks(outcome.hits), inventory), warnings };
}

/**
 * Owners' rights from the policy pack's Rego helpers; null (read the statements directly) with a
 * warning when the library cannot be used. Skipped when no AWS access key is in the snapshot.
 */
export function awsPrivileges(snapshot: Pick<Snapshot, 'nodes' | 'edges'>, libDir?: string): { privileges: Map<string, PrivilegeVerdict> | null; warning: string | null } {
  if (!snapshot.nodes.some((n) => n.kind === 'iam.access_key' && n.provider === 'aws')) return { privileges: null, warning: null };
  try {
    return { privileges: privilegesFromRego(snapshot, libDir), warning: null };
  } catch (e) {
    return { privileges: null, warning: `AWS IAM policy helpers (policies/lib/aws_iam.rego) unusable, admin and escalation rights read from the statements directly: ${(e as Error).message.split('\n')[0]}` };
  }
}
