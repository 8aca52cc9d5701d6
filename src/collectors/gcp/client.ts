/**
 * The Cloud Asset API client (`@google-cloud/asset`, gRPC through google-gax).
 *
 * - Production: Application Default Credentials and `cloudasset.googleapis.com:443`; `apiEndpoint` and
 *   `port` override the address (e.g. a private endpoint).
 * - `insecure` (the local fake): `sslCreds: grpc.credentials.createInsecure()` makes google-gax use the
 *   plain-text channel as is, without call credentials, and `universeDomain: 'googleapis.com'` stops
 *   google-auth-library from asking the GCE metadata server for the universe domain (which it does
 *   when no credentials are configured, and which would be a network call off 127.0.0.1).
 *
 * Retries: one layer only, `ctx.call` (backoff with jitter, attempts counted in coverage). Every call
 * passes `retry: null`, which turns off google-gax's own retry of UNAVAILABLE/DEADLINE_EXCEEDED.
 */
import { AssetServiceClient } from '@google-cloud/asset';
import { grpc } from 'google-gax';
import type { GcpConnection } from './target.js';

export type AssetClient = InstanceType<typeof AssetServiceClient>;

export function createAssetClient(c: GcpConnection): AssetClient {
  if (c.insecure) {
    return new AssetServiceClient({
      apiEndpoint: c.apiEndpoint ?? '127.0.0.1',
      port: c.port ?? 443,
      sslCreds: grpc.credentials.createInsecure(),
      universeDomain: 'googleapis.com',
    });
  }
  return new AssetServiceClient({
    ...(c.apiEndpoint !== null ? { apiEndpoint: c.apiEndpoint } : {}),
    ...(c.port !== null ? { port: c.port } : {}),
  });
}

/** Runs `fn` with a client that is closed afterwards, whatever happens. */
export async function withAssetClient<T>(c: GcpConnection, fn: (client: AssetClient) => Promise<T>): Promise<T> {
  const client = createAssetClient(c);
  try {
    return await fn(client);
  } finally {
    await client.close().catch(() => undefined);
  }
}
