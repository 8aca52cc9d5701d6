// What an SDK client needs to talk to the fake AWS beyond `endpoint`:
// S3 Control's endpoint rules put the account id in front of the host ({AccountId}.host), and
// virtual-hosted S3 puts the bucket there ({Bucket}.host). Neither works with an IP endpoint, so
// use `endpoint: http://localhost:<port>` with this agent, which resolves every *.localhost
// name to 127.0.0.1 (the fake routes S3 Control by path and reads the bucket from the Host).
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';

const lookup: LookupFunction = (hostname, options, callback) => {
  if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
    callback(Object.assign(new Error(`fake AWS: refusing to resolve ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    return;
  }
  if (options.all) {
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

export interface LocalhostHandler {
  /** Pass as the client's `requestHandler` (the SDK accepts NodeHttpHandler options there). */
  requestHandler: { httpAgent: Agent };
  /** Closes the agent's sockets. */
  destroy(): void;
}

/** A request handler whose agent resolves *.localhost to 127.0.0.1 (S3 Control, virtual-hosted S3). */
export function localhostRequestHandler(): LocalhostHandler {
  const agent = new Agent({ keepAlive: true, lookup } as ConstructorParameters<typeof Agent>[0]);
  return { requestHandler: { httpAgent: agent }, destroy: () => agent.destroy() };
}
