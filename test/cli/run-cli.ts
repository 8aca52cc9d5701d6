/** Runs the CLI in-process with captured stdout/stderr, for tests. */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const code = await main(argv, { cwd: options.cwd ?? process.cwd(), env: { PATH: process.env.PATH, NO_COLOR: '1', ...options.env }, stdout, stderr });
  return { code, stdout: out, stderr: err };
}
