/**
 * Runs `virsh` for one command: one `execFile` per call, no shell, `LC_ALL=C` so the text output
 * can be parsed, cancelled through the call's signal (which carries the per-call timeout).
 */
import { execFile } from 'node:child_process';
import type { ErrorClass } from '../types.js';

export interface VirshConnection {
  virshPath: string;
  uri: string;
  readOnly: boolean;
}

/** A virsh command that failed: the message is virsh's own error text. */
export class VirshError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'VirshError';
  }
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** The argument vector for one command on a connection. */
export function virshArgs(conn: VirshConnection, command: readonly string[]): string[] {
  return [...(conn.readOnly ? ['--readonly'] : []), '--connect', conn.uri, ...command];
}

/** Runs one virsh command and resolves with its standard output. */
export function runVirsh(conn: VirshConnection, command: readonly string[], signal?: AbortSignal): Promise<string> {
  return execText(conn.virshPath, virshArgs(conn, command), signal);
}

/** Runs a program without a shell, in the C locale; rejects with a `VirshError` carrying its stderr. */
export function execText(file: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, maxBuffer: MAX_OUTPUT_BYTES, signal, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const code = typeof (error as { code?: unknown }).code === 'string' ? ((error as { code: string }).code) : undefined;
        const exitCode = typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null;
        if (code === 'ENOENT') reject(new VirshError(`${file} not found: install libvirt-clients (Debian/Ubuntu) or libvirt-client (Fedora/RHEL)`, null, code));
        else if (error.name === 'AbortError') reject(error);
        else reject(new VirshError(cleanStderr(stderr) || error.message, exitCode, code));
      },
    );
    // Nothing is ever typed in: a prompt reading stdin fails at once instead of waiting for the timeout.
    child.stdin?.end();
  });
}

/** virsh's error lines, without its `error: ` prefixes and libxml noise, joined on one line. */
export function cleanStderr(stderr: string): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('I/O warning'))
    .map((l) => l.replace(/^error:\s*/, ''))
    .join(': ');
}

/** How a failed virsh call should be treated: denied, worth retrying, or final. */
export function classifyVirshError(error: unknown): ErrorClass {
  const message = error instanceof Error ? error.message : String(error);
  if (/operation forbidden|read only access|access denied|permission denied|authentication (failed|unavailable)|not authorized|polkit/i.test(message)) {
    return { kind: 'denied' };
  }
  if (/too many (active )?clients|resource temporarily unavailable|timed out|keepalive/i.test(message)) return { kind: 'transient' };
  return { kind: 'fatal' };
}
