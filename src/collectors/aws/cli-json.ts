/**
 * The shape every AWS transform reads: the JSON the AWS CLI prints for an SDK output (`aws <service>
 * <op> --output json`): timestamps as ISO strings, blobs as base64. Live responses are converted to
 * it with `toCliJson`, offline files already have it, so one set of pure transforms serves both.
 */

/** The JSON the AWS CLI prints for an SDK output type: Date → string, bytes → base64 string. */
export type CliJson<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? CliJson<U>[]
      : T extends object
        ? { [K in keyof T]: CliJson<T[K]> }
        : T;

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '$metadata' && v !== undefined) out[k] = convert(v);
    return out;
  }
  return value;
}

/** An SDK output in CLI JSON form (without `$metadata`). */
export function toCliJson<T>(value: T): CliJson<T> {
  return convert(value) as CliJson<T>;
}

/** A CLI or SDK timestamp as RFC 3339 UTC (`toISOString`), or null. */
export function isoTime(v: string | Date | undefined | null): string | null {
  if (v === undefined || v === null || v === '') return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** AWS tag lists (`[{Key, Value}]`) as a flat map. */
export function tagMap(tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}
