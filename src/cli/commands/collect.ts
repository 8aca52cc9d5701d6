/** `cloudwarden collect`: snapshot the selected providers into a file. */
import { resolve } from 'node:path';
import { collectSnapshot, type CollectOutcome } from '../../collectors/collect.js';
import { writeSnapshot } from '../../graph/snapshot-io.js';
import type { Snapshot } from '../../graph/schema.js';
import { InputError } from '../../util/errors.js';
import { parseShard, selectShard } from '../../scale/shard.js';
import { readShardWeights } from '../../scale/shard-weights.js';
import { stringValue, type CommandSpec, type OptionSpec } from '../args.js';
import { formatCollectSummary } from '../summary.js';
import { buildProviderRuns, resolveCollectOptions, resolveProviders } from '../settings.js';
import type { CommandContext } from './context.js';

export const COLLECT_OPTIONS: Record<string, OptionSpec> = {
  provider: { type: 'string', multiple: true, short: 'p', value: 'NAME', description: 'provider to collect: aws, gcp, azure, libvirt; repeatable or comma-separated' },
  'aws-profile': { type: 'string', value: 'NAME', description: 'AWS shared-config profile (default: the standard credential chain: env, SSO, web identity, instance role)' },
  'aws-region': { type: 'string', value: 'REGION', description: 'AWS home region for STS, IAM, Cost Explorer (default: the chain\'s, else us-east-1)' },
  'aws-regions': { type: 'string', multiple: true, value: 'LIST', description: 'AWS regions to scan (allow-list, comma-separated); default every enabled region' },
  'aws-org-role': { type: 'string', value: 'NAME', description: 'scan the AWS organization: role to assume in each member account' },
  'aws-external-id': { type: 'string', value: 'ID', description: 'ExternalId for --aws-org-role' },
  'aws-accounts': { type: 'string', multiple: true, value: 'LIST', description: 'with --aws-org-role: only these member accounts (comma-separated)' },
  'aws-endpoint': { type: 'string', value: 'URL', description: 'one endpoint for every AWS service (LocalStack); AWS_ENDPOINT_URL* also apply' },
  'aws-no-costs': { type: 'boolean', description: 'skip Cost Explorer (AWS bills $0.01 per GetCostAndUsage request)' },
  'aws-spot-prices': { type: 'boolean', description: 'read EC2 spot price history for the instance types seen (for spot savings)' },
  'aws-metrics-days': { type: 'string', value: 'N', description: 'CloudWatch utilization window in days (default 14)' },
  's3-force-path-style': { type: 'boolean', description: 'S3 path-style addressing (S3-compatible endpoints)' },
  'gcp-scope': { type: 'string', multiple: true, value: 'SCOPE', description: 'GCP scope: organizations/ID, folders/ID or projects/ID (repeatable); Application Default Credentials' },
  'gcp-org-domain': { type: 'string', multiple: true, value: 'DOMAIN', description: 'your organization\'s domain(s), to flag external IAM members' },
  'azure-subscription': { type: 'string', multiple: true, value: 'ID', description: 'Azure subscription id (repeatable); default every subscription visible to DefaultAzureCredential' },
  'azure-tenant-domain': { type: 'string', multiple: true, value: 'DOMAIN', description: 'your tenant\'s domain(s), to flag external principals' },
  'libvirt-uri': { type: 'string', multiple: true, value: 'URI', description: 'libvirt connection URI, e.g. qemu:///system, qemu+ssh://admin@kvm01/system (env CLOUDWARDEN_LIBVIRT_URI)' },
  'libvirt-name': { type: 'string', value: 'NAME', description: 'host name used in resource ids for the one --libvirt-uri given' },
  'libvirt-read-only': { type: 'boolean', description: 'use read-only libvirt connections (graphics passwords then show as unknown)' },
  concurrency: { type: 'string', value: 'N', description: 'remote calls in flight at once (default 16; env CLOUDWARDEN_CONCURRENCY)' },
  'per-target-concurrency': { type: 'string', value: 'N', description: 'remote calls in flight for one account/project/subscription/host (default 16, at most --concurrency)' },
  shard: { type: 'string', value: 'I/N', description: 'collect only shard I of N: a deterministic, balanced share of the targets of every selected provider' },
  'shard-weights': { type: 'string', value: 'FILE', description: 'a previous snapshot, results file or history database (.cloudwarden/history.db): balance the shards by its resource (or call) counts per target' },
};

export const collectSpec: CommandSpec = {
  name: 'collect',
  summary: 'snapshot cloud and local IaaS resources into one normalized graph file',
  usage: 'cloudwarden collect --provider NAME [options] --out FILE(.json|.json.gz)',
  options: {
    ...COLLECT_OPTIONS,
    out: { type: 'string', short: 'o', value: 'FILE', description: 'snapshot file to write (.json, or .json.gz for gzip); written atomically' },
  },
  examples: [
    'cloudwarden collect --provider libvirt --libvirt-uri qemu:///system --out snapshot.json.gz',
    'cloudwarden collect --provider libvirt --libvirt-uri test:///$PWD/fixtures/worlds/demo/libvirt/node.xml --libvirt-name kvm-demo-01 --out demo.json',
  ],
};

/** Collects with the providers chosen by flags/config; shared by `collect` and `scan`. */
export async function runCollection(cx: CommandContext): Promise<{ snapshot: Snapshot; calls: Record<string, number>; seconds: number }> {
  const providers = resolveProviders(cx.args.values, cx.config);
  const runs = buildProviderRuns(providers, cx.args.values, cx.env, cx.config);
  const options = resolveCollectOptions(cx.args.values, cx.env, cx.config);
  const perTarget = stringValue(cx.args.values, 'per-target-concurrency');
  if (perTarget !== undefined) {
    if (!/^\d+$/.test(perTarget.trim()) || Number(perTarget) < 1 || Number(perTarget) > 1024) throw new InputError(`--per-target-concurrency: expected a whole number from 1 to 1024, got '${perTarget}'`);
    options.perTargetConcurrency = Number(perTarget);
  }
  const shardRaw = stringValue(cx.args.values, 'shard');
  const weightsFile = stringValue(cx.args.values, 'shard-weights');
  if (weightsFile !== undefined && shardRaw === undefined) throw new InputError('--shard-weights is only used with --shard I/N');
  const shard = shardRaw === undefined ? undefined : parseShard(shardRaw);
  const weights = weightsFile === undefined ? undefined : await readShardWeights(resolve(cx.cwd, weightsFile), weightsFile);
  const t0 = performance.now();
  const outcome = await collectSnapshot(runs, {
    ...options,
    ...(shard ? { selectTargets: (targets) => selectShard(targets, shard, weights) } : {}),
    onProgress: (e) => cx.out.progress(e),
    onDebug: (m) => cx.out.debug(m),
  });
  if (shard) cx.out.info(`shard ${shard.index}/${shard.count}: ${outcome.snapshot.scope.shard?.targets?.length ?? 0} of the targets`);
  cx.out.clearBar();
  checkReachable(outcome, cx);
  return { snapshot: outcome.snapshot, calls: outcome.stats.toJSON(), seconds: (performance.now() - t0) / 1000 };
}

/** A run in which no target answered at all is an error (exit 2), never an empty, clean-looking result. */
export function checkReachable(outcome: CollectOutcome, cx: CommandContext): void {
  if (outcome.targets > 0 && outcome.unreachable.length === outcome.targets) {
    const reasons = [...new Set(outcome.snapshot.coverage.filter((r) => r.status !== 'ok').map((r) => r.message))].slice(0, 3).join('; ');
    throw new InputError(`could not read anything from ${outcome.unreachable.join(', ')}: ${reasons}`);
  }
  for (const u of outcome.unreachable) cx.out.warn(`${u}: no call succeeded; see the coverage gaps`);
}

export async function collectCommand(cx: CommandContext): Promise<number> {
  const outPath = stringValue(cx.args.values, 'out');
  if (!outPath) throw new InputError("collect: missing --out FILE (where to write the snapshot, e.g. --out snapshot.json.gz)");
  if (!/\.json(\.gz)?$/i.test(outPath)) throw new InputError(`collect: --out ${outPath}: expected a file name ending in .json or .json.gz`);
  const { snapshot, calls, seconds } = await runCollection(cx);
  const target = resolve(cx.cwd, outPath);
  await writeSnapshot(target, snapshot);
  cx.out.result(formatCollectSummary(snapshot, calls, cx.out, seconds));
  cx.out.info(`wrote ${outPath}`);
  return 0;
}
