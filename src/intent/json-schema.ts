import { INTENT_SCHEMA } from './intent-schema.ts';
import { POLICY_SCHEMA } from './policy.ts';
import { toJsonSchema, type JsonSchema } from './schema-dsl.ts';

/** Where the published schemas live, as their `$id`. */
const SCHEMA_BASE = 'https://causeway.dev/schemas';

/** The JSON Schema of the ClusterIntent format, as committed in schemas/intent.schema.json. */
export function intentJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}/intent.schema.json`,
    title: 'Causeway ClusterIntent',
    ...toJsonSchema(INTENT_SCHEMA),
  };
}

/** The JSON Schema of the IntentPolicy format, as committed in schemas/policy.schema.json. */
export function policyJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE}/policy.schema.json`,
    title: 'Causeway IntentPolicy',
    ...toJsonSchema(POLICY_SCHEMA),
  };
}
