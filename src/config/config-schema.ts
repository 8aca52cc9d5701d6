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
  },
} as const;
