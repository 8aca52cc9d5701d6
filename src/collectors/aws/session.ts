/**
 * What the collectors of one account share: clients (with assumed-role credentials for member
 * accounts), the regions to scan, the collection time, and reads more than one collector needs
 * (the instance listing, used by EC2 and CloudWatch), each made once.
 *
 * The session is created by the first collector that asks and destroyed when every collector of
 * the provider has released it.
 */
import { DescribeInstancesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { Reservation } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CollectContext } from '../types.js';
import type { CliJson } from './cli-json.js';
import { toCliJson } from './cli-json.js';
import type { AwsCredentialsInput } from './clients.js';
import { AwsClients } from './clients.js';
import type { AwsTarget } from './options.js';
import { allPages } from './paging.js';

export interface AwsSession {
  clients: AwsClients;
  /** Collection time: key ages and metric/cost windows are relative to it. */
  now: Date;
  /** Regions to scan: enabled ∩ allow-list. */
  regions: string[];
  /** Why nothing can be read in this account (AssumeRole failed), else null. */
  unavailable: string | null;
  /** DescribeInstances of one region (all pages), read once; null when the first page failed. */
  instances(region: string): Promise<CliJson<Reservation>[] | null>;
}

/** Collectors per target: the session is destroyed once they have all released it. */
let collectorCount = 8;
export function setCollectorCount(n: number): void {
  collectorCount = n;
}

interface Entry {
  session: Promise<AwsSession>;
  released: number;
}
const sessions = new WeakMap<AwsTarget, Entry>();

const ASSUME_SESSION_NAME = 'cloudwarden';
const REFRESH_BEFORE_MS = 5 * 60_000;

function baseCredentials(target: AwsTarget): AwsCredentialsInput | undefined {
  return target.options.credentials;
}

async function assumedCredentials(ctx: CollectContext, target: AwsTarget, roleArn: string): Promise<AwsCredentialsInput | string> {
  const base = new AwsClients(target.options, target.region, baseCredentials(target));
  const input = { RoleArn: roleArn, RoleSessionName: ASSUME_SESSION_NAME, ...(target.externalId !== null ? { ExternalId: target.externalId } : {}) };
  const first = await ctx.call({ service: 'sts', operation: 'AssumeRole', resource: roleArn }, (signal) => base.sts().send(new AssumeRoleCommand(input), { abortSignal: signal }));
  if (!first.ok) {
    base.destroy();
    return `AssumeRole ${roleArn} failed: ${first.message}`;
  }
  type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };
  const toCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined): Creds => ({
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    ...(c?.SessionToken !== undefined ? { sessionToken: c.SessionToken } : {}),
    ...(c?.Expiration !== undefined ? { expiration: c.Expiration } : {}),
  });
  let current = toCreds(first.value.Credentials);
  base.destroy();
  // Long scans outlive the session: refresh a few minutes before it expires.
  return async () => {
    if (current.expiration !== undefined && current.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS) {
      const o = target.options;
      const sts = new STSClient({
        region: target.region,
        ...(o.endpoint !== undefined ? { endpoint: o.endpoint } : {}),
        ...(o.credentials !== undefined ? { credentials: o.credentials } : o.profile !== undefined ? { profile: o.profile } : {}),
      });
      try {
        current = toCreds((await sts.send(new AssumeRoleCommand(input))).Credentials);
      } finally {
        sts.destroy();
      }
    }
    return current;
  };
}

async function enabledRegions(ctx: CollectContext, clients: AwsClients, target: AwsTarget): Promise<string[]> {
  const allow = target.options.regions;
  const r = await ctx.call({ service: 'ec2', operation: 'DescribeRegions' }, (signal) =>
    clients.ec2(target.region).send(new DescribeRegionsCommand({ ...(allow && allow.length > 0 ? { RegionNames: allow } : {}) }), { abortSignal: signal }),
  );
  if (!r.ok) return allow && allow.length > 0 ? [...allow].sort() : [target.region];
  const enabled = (r.value.Regions ?? []).map((x) => x.RegionName ?? '').filter((x) => x !== '');
  return enabled.filter((x) => !allow || allow.length === 0 || allow.includes(x)).sort();
}

async function open(ctx: CollectContext, target: AwsTarget): Promise<AwsSession> {
  const now = target.options.now?.() ?? new Date();
  let credentials = baseCredentials(target);
  let unavailable: string | null = null;
  if (target.assumeRoleArn !== null) {
    const c = await assumedCredentials(ctx, target, target.assumeRoleArn);
    if (typeof c === 'string') unavailable = c;
    else credentials = c;
  }
  const clients = new AwsClients(target.options, target.region, credentials);
  const regions = unavailable === null ? await enabledRegions(ctx, clients, target) : [];
  const listings = new Map<string, Promise<CliJson<Reservation>[] | null>>();
  return {
    clients,
    now,
    regions,
    unavailable,
    instances(region) {
      let p = listings.get(region);
      if (!p) {
        p = allPages(
          ctx,
          { service: 'ec2', operation: 'DescribeInstances', region },
          (token, signal) => clients.ec2(region).send(new DescribeInstancesCommand({ MaxResults: 1000, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal }),
          (page) => page.NextToken,
        ).then(({ pages }) => (pages.length === 0 ? null : pages.flatMap((pg) => toCliJson(pg.Reservations ?? []))));
        listings.set(region, p);
      }
      return p;
    },
  };
}

/** The session of a target, opened on first use. Pair every call with `releaseSession`. */
export function acquireSession(ctx: CollectContext, target: AwsTarget): Promise<AwsSession> {
  let e = sessions.get(target);
  if (!e) sessions.set(target, (e = { session: open(ctx, target), released: 0 }));
  return e.session;
}

export function releaseSession(target: AwsTarget): void {
  const e = sessions.get(target);
  if (!e) return;
  e.released++;
  if (e.released >= collectorCount) {
    sessions.delete(target);
    void e.session.then((s) => s.clients.destroy(), () => undefined);
  }
}

/** Runs a collector's reads within the target's session; an unavailable account reads nothing. */
export async function withSession<R>(ctx: CollectContext, target: AwsTarget, empty: R, body: (s: AwsSession) => Promise<R>): Promise<R> {
  try {
    const s = await acquireSession(ctx, target);
    if (s.unavailable !== null) return empty;
    return await body(s);
  } finally {
    releaseSession(target);
  }
}
