/**
 * The shape of `cloudwarden.yaml`. Every field is optional; defaults live in `defaults.ts`.
 * The JSON Schema in `config-schema.ts` mirrors this type and `config-schema.test.ts` keeps them in step.
 */
export type LogFormat = 'text' | 'json';

export interface LibvirtConnectionConfig {
  /** libvirt connection URI, e.g. `qemu:///system`, `qemu+ssh://admin@kvm01/system`. */
  uri: string;
  /** Host name used in resource ids; defaults to the URI's host or `virsh hostname`. */
  name?: string;
  /** Use a read-only connection (`virsh -r`); graphics passwords are then reported as unknown. */
  readOnly?: boolean;
}

export interface CloudwardenConfig {
  collect?: {
    /** Maximum remote calls in flight at once, across all providers. */
    concurrency?: number;
    /** Attempts per call, retries included. */
    maxAttempts?: number;
    /** Per-call timeout in seconds. */
    callTimeoutSeconds?: number;
  };
  providers?: {
    libvirt?: {
      connections?: LibvirtConnectionConfig[];
      /** Path to the virsh binary. */
      virshPath?: string;
    };
  };
  log?: {
    format?: LogFormat;
  };
}
