/** An XML element with its namespace prefix dropped: devices disagree on prefixes, not on names. */
export interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });

/**
 * A small, tolerant reader for the flat XML documents eSCL devices send (capabilities, status):
 * elements and text only; attributes, comments, processing instructions and DOCTYPEs are skipped.
 * Throws on unbalanced tags, so a truncated answer is not mistaken for a short one.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([^\s/>!?]+)[^>]*?(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g;
  let at = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const top = stack[stack.length - 1]!;
    top.text += decode(xml.slice(at, m.index));
    at = tag.lastIndex;
    if (m[4] !== undefined) {
      top.text += m[4];
      continue;
    }
    if (!m[2]) continue;
    const name = m[2].includes(':') ? m[2].slice(m[2].indexOf(':') + 1) : m[2];
    if (m[1]) {
      if (stack.length < 2 || top.name !== name) throw new Error(`XML: unexpected </${m[2]}>`);
      top.text = top.text.trim();
      stack.pop();
    } else {
      const element: XmlElement = { name, children: [], text: '' };
      top.children.push(element);
      if (!m[3]) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is not closed`);
  const first = root.children[0];
  if (!first) throw new Error('XML: no root element');
  return first;
}

/** All descendants (depth first) with this local name. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export const findFirst = (el: XmlElement, name: string): XmlElement | undefined => findAll(el, name)[0];

export const textOf = (el: XmlElement, name: string): string | undefined => findFirst(el, name)?.text;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Build an element tree as text: `[name, value | children]`. */
export type XmlNode = readonly [string, string | number | boolean | readonly XmlNode[]];

export function writeXml(node: XmlNode, attributes = ''): string {
  const [name, content] = node;
  const inner = Array.isArray(content) ? (content as readonly XmlNode[]).map((n) => writeXml(n)).join('') : escape(String(content));
  return `<${name}${attributes}>${inner}</${name}>`;
}
