/**
 * A small XML tree over `fast-xml-parser`, matched by LOCAL names: makers write `env:`, `s:`,
 * `SOAP-ENV:`, `tt:` or `onvif:` for the same namespaces, so prefixes are dropped on parsing.
 * Input with a DOCTYPE is refused (SOAP forbids it; it is how entity bombs come in). Every
 * failure is an `OnvifError('protocol')` naming the operation.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OnvifError } from './errors.ts';

/** One element: local name, attributes (local names), child elements, and its own text. */
export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** The element's text content (its direct text nodes joined), trimmed. */
  readonly text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const MAX_DEPTH = 64;

function toNode(raw: unknown, operation: string, depth: number): XmlNode | null {
  if (depth > MAX_DEPTH) throw new OnvifError('protocol', operation, 'XML nested too deeply');
  if (typeof raw !== 'object' || raw === null) return null;
  const entry = raw as Record<string, unknown>;
  const name = Object.keys(entry).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return null;
  const attrsRaw = entry[':@'];
  const attrs: Record<string, string> = {};
  if (typeof attrsRaw === 'object' && attrsRaw !== null) {
    for (const [k, v] of Object.entries(attrsRaw as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        attrs[k] = String(v);
      }
    }
  }
  const content = entry[name];
  const children: XmlNode[] = [];
  const texts: string[] = [];
  if (Array.isArray(content)) {
    for (const item of content as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const text = (item as Record<string, unknown>)['#text'];
      if (text !== undefined) {
        if (typeof text === 'string' || typeof text === 'number' || typeof text === 'boolean') {
          texts.push(String(text));
        }
        continue;
      }
      const child = toNode(item, operation, depth + 1);
      if (child !== null) children.push(child);
    }
  }
  return { name, attrs, children, text: texts.join('').trim() };
}

/** Parses a document and returns its root element; throws `OnvifError('protocol')`. */
export function parseXml(text: string, operation = 'xml'): XmlNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new OnvifError('protocol', operation, 'the answer holds a DOCTYPE, which SOAP forbids');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new OnvifError('protocol', operation, `the answer is not XML: ${valid.err.msg}`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (e) {
    throw new OnvifError('protocol', operation, 'the answer is not XML', { cause: e });
  }
  const roots = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  for (const r of roots) {
    const node = toNode(r, operation, 0);
    if (node !== null) return node;
  }
  throw new OnvifError('protocol', operation, 'the answer has no root element');
}

/** The first direct child named `name` (local name). */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Every direct child named `name`. */
export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node === undefined ? [] : node.children.filter((c) => c.name === name);
}

/** The first element named `name` below `node` (depth first), or undefined. */
export function find(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (node === undefined) return undefined;
  for (const c of node.children) {
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/** Every element named `name` below `node` (not below a match), in document order. */
export function findAll(node: XmlNode | undefined, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      if (c.name === name) out.push(c);
      else walk(c);
    }
  };
  if (node !== undefined) walk(node);
  return out;
}

/** Follows a path of child names; the text at its end, or undefined. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | undefined {
  let n = node;
  for (const p of path) n = child(n, p);
  return n?.text;
}

/** Escapes text for an XML element or attribute. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
