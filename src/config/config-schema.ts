/** JSON Schema of `cloudwarden.yaml` (draft-07), used to validate it with precise messages. */
export const CONFIG_JSON_SCHEMA = {
  $id: 'cloudwarden-config',
  type: 'object',
  additionalProperties: false,
  properties: {
    collect: {
      type: 'object',
      additionalProperties: false,
      properties: {
        concurrency: { type: 'integer', minimum: 1, maximum: 1024 },
        maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
        callTimeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 3600 },
      },
    },
    providers: {
      type: 'object',
      additionalProperties: false,
      properties: {
        aws: {
          type: 'object',
          additionalProperties: false,
          properties: {
            profile: { type: 'string', minLength: 1 },
            region: { type: 'string', pattern: '^[a-z]{2}(-gov)?-[a-z]+-\\d$' },
            regions: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}(-gov)?-[a-z]+-\\d$' } },
            organization: {
              type: 'object',
              additionalProperties: false,
              required: ['roleName'],
              properties: {
                roleName: { type: 'string', minLength: 1 },
                externalId: { type: 'string', minLength: 1 },
                accounts: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' } },
              },
            },
            s3ForcePathStyle: { type: 'boolean' },
            endpoint: { type: 'string', pattern: '^https?://' },
            collectCosts: { type: 'boolean' },
            collectSpotPrices: { type: 'boolean' },
            metricsDays: { type: 'integer', minimum: 1, maximum: 455 },
          },
        },
        azure: {
          type: 'object',
          additionalProperties: false,
          properties: {
            subscriptions: { type: 'array', items: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' } },
            tenantDomains: { type: 'array', items: { type: 'string', minLength: 1 } },
            endpoint: { type: 'string', pattern: '^https?://' },
          },
        },
        gcp: {
          type: 'object',
          additionalProperties: false,
          properties: {
            scopes: { type: 'array', items: { type: 'string', pattern: '^(organizations|folders|projects)/[A-Za-z0-9._-]+$' } },
            orgDomains: { type: 'array', items: { type: 'string', minLength: 1 } },
            apiEndpoint: { type: 'string', minLength: 1 },
          },
        },
        libvirt: {
          type: 'object',
          additionalProperties: false,
          properties: {
            connections: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['uri'],
                properties: {
                  uri: { type: 'string', minLength: 1 },
                  name: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9._-]+$' },
                  readOnly: { type: 'boolean' },
                },
              },
            },
            virshPath: { type: 'string', minLength: 1 },
          },
        },
      },
    },
    log: {
      type: 'object',
      additionalProperties: false,
      properties: {
        format: { enum: ['text', 'json'] },
      },
    },
    policies: {
      type: 'object',
      additionalProperties: false,
      properties: {
        folders: { type: 'array', items: { type: 'string', minLength: 1 } },
        params: {
          type: 'object',
          propertyNames: { pattern: '^[a-z][a-z0-9_]*$' },
          additionalProperties: {
            anyOf: [
              { type: 'string' },
              { type: 'number' },
              { type: 'boolean' },
              { type: 'array', items: { type: 'string' } },
              { type: 'array', items: { type: 'number' } },
            ],
          },
        },
      },
    },
    cost: {
      type: 'object',
      additionalProperties: false,
      properties: {
        priceSheet: { type: 'string', minLength: 1 },
        ownerTagKeys: { type: 'array', items: { type: 'string', minLength: 1 } },
        allowedRegions: { type: 'array', items: { type: 'string', minLength: 1 } },
        spotCandidateTags: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        rules: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: { anyOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          },
        },
      },
    },
  },
} as const;
