// fast-check arbitraries derived from the model's own zod schemas, through
// zod's JSON Schema (zod-fast-check supports only zod 3; the model uses zod 4).
// Covers what the grouping schema uses: objects (required, optional, closed),
// arrays, strings (const or free, with optional domain hints so that generated
// documents are often valid), integers. A schema feature it does not know is
// an error, so a schema change cannot silently narrow what the tests generate.
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
};

/** Per property name, strings worth generating besides arbitrary ones. */
export type StringHints = Record<string, fc.Arbitrary<string>>;

function fromJsonSchema(schema: JsonSchema, hints: StringHints, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string': {
      const hint = hints[name];
      return hint
        ? fc.oneof({ arbitrary: hint, weight: 4 }, fc.string({ unit: 'grapheme' }))
        : fc.string();
    }
    case 'integer':
      return fc.oneof(
        { arbitrary: fc.integer({ min: -2, max: 40 }), weight: 4 },
        fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 }),
      );
    case 'array':
      return fc.array(fromJsonSchema(schema.items ?? {}, hints, name), { maxLength: 8 });
    case 'object': {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties))
        model[key] = fromJsonSchema(property, hints, key);
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    default:
      throw new Error(`schema-arbitrary: unsupported schema ${JSON.stringify(schema)}`);
  }
}

/** Values shaped like `schema`'s input (what a client may send). */
export function arbitraryOf(schema: z.ZodType, hints: StringHints = {}): fc.Arbitrary<unknown> {
  return fromJsonSchema(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema, hints);
}
