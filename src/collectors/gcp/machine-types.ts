/**
 * vCPUs and memory of Compute Engine machine types, where the name alone says it: custom types
 * (`custom-4-16384`, `n2-custom-8-32768`, `-ext` suffix) and the predefined shared-core and
 * standard/highmem/highcpu shapes of the common families. Anything else is null (unknown), never a
 * guess.
 */

const SHARED_CORE: Record<string, { vcpus: number; memoryMiB: number }> = {
  'f1-micro': { vcpus: 1, memoryMiB: 614 },
  'g1-small': { vcpus: 1, memoryMiB: 1741 },
  'e2-micro': { vcpus: 2, memoryMiB: 1024 },
  'e2-small': { vcpus: 2, memoryMiB: 2048 },
  'e2-medium': { vcpus: 2, memoryMiB: 4096 },
};

/** GiB of memory per vCPU, by family and class. */
const GIB_PER_VCPU: Record<string, Record<string, number>> = {
  n1: { standard: 3.75, highmem: 6.5, highcpu: 0.9 },
  n2: { standard: 4, highmem: 8, highcpu: 1 },
  n2d: { standard: 4, highmem: 8, highcpu: 1 },
  e2: { standard: 4, highmem: 8, highcpu: 1 },
  c2: { standard: 4 },
  c3: { standard: 4, highmem: 8, highcpu: 2 },
  t2d: { standard: 4 },
  m1: { megamem: 14.9333 },
};

export function machineShape(machineType: string): { vcpus: number | null; memoryMiB: number | null } {
  const shared = SHARED_CORE[machineType];
  if (shared) return shared;
  const custom = /^(?:[a-z0-9]+-)?custom-(\d+)-(\d+)(?:-ext)?$/.exec(machineType);
  if (custom) return { vcpus: Number(custom[1]), memoryMiB: Number(custom[2]) };
  const pre = /^([a-z0-9]+)-([a-z]+)-(\d+)$/.exec(machineType);
  const perVcpu = pre ? GIB_PER_VCPU[pre[1] ?? '']?.[pre[2] ?? ''] : undefined;
  if (pre && perVcpu !== undefined) {
    const vcpus = Number(pre[3]);
    return { vcpus, memoryMiB: Math.round(vcpus * perVcpu * 1024) };
  }
  return { vcpus: null, memoryMiB: null };
}
