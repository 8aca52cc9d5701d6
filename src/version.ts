/** The tool's name and version, recorded in every snapshot and report. */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const TOOL_INFO = { name: pkg.name, version: pkg.version } as const;
