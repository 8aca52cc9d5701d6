/** libvirt's size units (https://libvirt.org/formatdomain.html#memory-allocation), converted to bytes. Pure. */

const FACTORS: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1e3,
  k: 2 ** 10,
  kib: 2 ** 10,
  mb: 1e6,
  m: 2 ** 20,
  mib: 2 ** 20,
  gb: 1e9,
  g: 2 ** 30,
  gib: 2 ** 30,
  tb: 1e12,
  t: 2 ** 40,
  tib: 2 ** 40,
  pb: 1e15,
  p: 2 ** 50,
  pib: 2 ** 50,
  eb: 1e18,
  e: 2 ** 60,
  eib: 2 ** 60,
};

/**
 * A scaled integer (`<memory unit='GiB'>8</memory>`) in bytes, or null when the value is absent or
 * not a number. `defaultUnit` is the element's documented default (KiB for memory, bytes for storage).
 */
export function toBytes(value: string | null, unit: string | null, defaultUnit: 'KiB' | 'bytes'): number | null {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  const factor = FACTORS[(unit ?? defaultUnit).toLowerCase()];
  if (factor === undefined) return null;
  return Number(value) * factor;
}

export const bytesToGiB = (bytes: number | null): number | null => (bytes === null ? null : bytes / 2 ** 30);
export const bytesToMiB = (bytes: number | null): number | null => (bytes === null ? null : bytes / 2 ** 20);
