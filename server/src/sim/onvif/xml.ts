/**
 * XML for the simulated ONVIF devices: requests parsed with a real XML parser into a small
 * element tree whose names are LOCAL names (namespace prefixes differ between clients), and
 * escaping for the answers, which are written as text.
 */
import { XMLParser } from 'fast-xml-parser';

/** One element of a parsed request: local name, attributes (local names), text, children. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

type Ordered = Record<string, unknown>;

function convert(node: Ordered): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return undefined;
  const attrs: Record<string, string> = {};
  const rawAttrs = node[':@'];
  if (typeof rawAttrs === 'object' && rawAttrs !== null) {
    for (const [k, v] of Object.entries(rawAttrs)) attrs[k.replace(/^@_/, '')] = String(v);
  }
  const kids = node[name];
  const children: XmlElement[] = [];
  let text = '';
  if (Array.isArray(kids)) {
    for (const kid of kids as Ordered[]) {
      if ('#text' in kid) text += String(kid['#text']);
      else {
        const el = convert(kid);
        if (el !== undefined) children.push(el);
      }
    }
  }
  return { name, attrs, text, children };
}

/** Parses a document; throws on malformed XML. Returns the root element. */
export function parseXml(xml: string): XmlElement {
  const doc = parser.parse(xml) as Ordered[];
  for (const node of doc) {
    const el = convert(node);
    if (el !== undefined && el.name !== '?xml') return el;
  }
  throw new Error('no root element');
}

/** The first child with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** The first element with this local name at any depth below `el` (not `el` itself). */
export function find(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  for (const c of el.children) {
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/** The text of the first descendant with this local name, trimmed; undefined when absent. */
export function textOf(el: XmlElement | undefined, name: string): string | undefined {
  const found = find(el, name);
  return found === undefined ? undefined : found.text.trim();
}

/** Escapes text for an XML element or attribute value. */
export function esc(value: string | number | boolean): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
