/**
 * Builds, from the OpenAPI document alone, one well-formed request per operation: path
 * parameters, required query parameters and a JSON body that passes validation, using the
 * schemas' examples, enums and bounds. The permission tests send these to prove that every route
 * refuses a caller without the right permission — not merely a malformed request.
 */

/** A JSON schema as the document gives it (the parts used here). */
interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

/** The parts of the OpenAPI document used here. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One request. */
export interface GeneratedRequest {
  /** `METHOD /api/path/{param}` as documented. */
  route: string;
  method: string;
  path: string;
  body: unknown;
  isPublic: boolean;
}

/** Names of the end of a range: they get a time an hour after the start. */
const LATER = /^(to|until|end)|(To|Until|End)(Ms)?$/;

/** Values for path parameters by name; anything else gets `cam-001`. */
const PATH_VALUES: Record<string, string> = { stream: 'main', name: 'operator' };

function resolve(doc: OpenApiDoc, s: Schema | undefined): Schema {
  let out: Schema = s ?? {};
  for (let i = 0; i < 10 && out.$ref !== undefined; i++) {
    const name = out.$ref.split('/').pop() ?? '';
    out = doc.components?.schemas?.[name] ?? {};
  }
  return out;
}

function sample(doc: OpenApiDoc, raw: Schema | undefined, key: string, depth = 0): unknown {
  const s = resolve(doc, raw);
  // Times: a range in the recent past of the test clock (2026-03-01T09:00Z), end after start.
  const isTime =
    s.format === 'date-time' ||
    (typeof s.example === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(s.example));
  if (isTime) return LATER.test(key) ? '2026-03-01T08:30:00Z' : '2026-03-01T08:00:00Z';
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.[0])
    return sample(doc, alt.find((a) => resolve(doc, a).type !== 'null') ?? alt[0], key, depth);
  if (s.allOf?.[0]) return sample(doc, s.allOf[0], key, depth);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 6) return out;
      for (const name of s.required ?? [])
        out[name] = sample(doc, s.properties?.[name], name, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(doc, s.items, key, depth + 1));
    case 'integer':
    case 'number':
      if (/ms$/i.test(key)) return Date.UTC(2026, 2, 1, 8, LATER.test(key) ? 30 : 0);
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string': {
      if (s.format === 'date-time')
        return LATER.test(key) ? '2026-03-01T09:00:00Z' : '2026-03-01T08:00:00Z';
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (/url$/i.test(key) || key === 'main') return 'rtsp://127.0.0.1:8554/x';
      return 'x'.repeat(Math.max(3, s.minLength ?? 0));
    }
    default:
      return 'x1';
  }
}

/** One generated request per documented operation. */
export function requestsOf(doc: OpenApiDoc): GeneratedRequest[] {
  const out: GeneratedRequest[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      let path = template;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') {
          const ps = resolve(doc, p.schema);
          const numeric = ps.type === 'integer' || ps.type === 'number';
          const v =
            PATH_VALUES[p.name] ??
            (ps.format === 'uuid'
              ? '00000000-0000-4000-8000-000000000000'
              : numeric
                ? '1'
                : 'cam-001');
          path = path.replace(`{${p.name}}`, encodeURIComponent(v));
        } else if (p.in === 'query' && p.required) {
          query.set(p.name, String(sample(doc, p.schema, p.name)));
        }
      }
      const q = query.toString();
      const json = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        route: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        path: q === '' ? path : `${path}?${q}`,
        body: json === undefined ? undefined : sample(doc, json, 'body'),
        isPublic: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return out;
}
