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
    aws?: {
      /** Shared-config profile (default: the standard credential chain). */
      profile?: string;
      /** Home region for STS, IAM, Cost Explorer and DescribeRegions. */
      region?: string;
      /** Regions to scan (allow-list); default every region enabled in the account. */
      regions?: string[];
      /** Scan the organization's member accounts through AssumeRole. */
      organization?: {
        roleName: string;
        externalId?: string;
        /** Only these member accounts (default: all active ones). */
        accounts?: string[];
      };
      /** S3 path-style addressing (LocalStack and other S3-compatible endpoints). */
      s3ForcePathStyle?: boolean;
      /** One endpoint for every service (LocalStack); AWS_ENDPOINT_URL* also apply. */
      endpoint?: string;
      /** Cost Explorer GetCostAndUsage (AWS bills $0.01 per request). Default true. */
      collectCosts?: boolean;
      /** EC2 spot price history for the instance types seen. Default false. */
      collectSpotPrices?: boolean;
      /** CloudWatch utilization window in days. Default 14. */
      metricsDays?: number;
    };
    azure?: {
      /** Subscription ids; default every subscription the credential can see. */
      subscriptions?: string[];
      /** The tenant's own domains, to tell external principals apart. */
      tenantDomains?: string[];
      /** Azure Resource Manager endpoint (sovereign clouds). */
      endpoint?: string;
    };
    gcp?: {
      /** Scopes: `organizations/123`, `folders/456`, `projects/my-project`. */
      scopes?: string[];
      /** The organization's own domains, to tell external members apart. */
      orgDomains?: string[];
      /** Cloud Asset API host (default cloudasset.googleapis.com). */
      apiEndpoint?: string;
    };
    libvirt?: {
      connections?: LibvirtConnectionConfig[];
      /** Path to the virsh binary. */
      virshPath?: string;
    };
  };
  log?: {
    format?: LogFormat;
  };
  policies?: {
    /** Extra policy folders, loaded after the built-in ones (flag --policies adds more). */
    folders?: string[];
    /**
     * Check parameters, offered to every check as `data.cloudwarden.params` (e.g.
     * `key_max_age_days: 60`, `sensitive_markers: [backup, pii]`); see docs/policies.md.
     */
    params?: Record<string, string | number | boolean | string[] | number[]>;
  };
  /** Cost engine settings (docs/cost-rules.md). */
  cost?: {
    /** Price sheet (YAML or CSV) whose prices win over the shipped catalog; `--price-sheet` wins over it. */
    priceSheet?: string;
    /** Tag keys naming a resource's owner, in order (default owner, Owner, team). */
    ownerTagKeys?: string[];
    /** Regions resources may live in (sprawl_region); empty means any. */
    allowedRegions?: string[];
    /** Tag key → values marking interruptible workloads (default env: dev, test, ci, batch). */
    spotCandidateTags?: Record<string, string[]>;
    /** Per rule id: `enabled: false`, or threshold overrides, e.g. `snapshot_old: { maxAgeDays: 180 }`. */
    rules?: Record<string, Record<string, number | boolean | string | string[]>>;
  };
}
