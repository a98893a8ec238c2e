import {createReadStream} from 'node:fs';
import {SaxesParser, type SaxesTagNS} from 'saxes';
import {SourceError} from './source.js';

/** An element of interest, with its children: built for one record at a time, never for the whole file. */
export interface XmlElement {
  /** Namespace URI and local name. */
  uri: string;
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** The first child with this local name (and namespace, when given). */
export const child = (el: XmlElement | undefined, name: string, uri?: string) =>
  el?.children.find((c) => c.name === name && (uri === undefined || c.uri === uri));
/** The text of the first child with this local name, trimmed ('' when absent). */
export const textOf = (el: XmlElement | undefined, name: string, uri?: string) =>
  child(el, name, uri)?.text.trim() ?? '';

/**
 * Reads an XML file as a stream and yields, one at a time, the elements `wanted` picks (by their path from the
 * root, such as `disqus/post`), each with its subtree; memory holds one record, whatever the file's size. The root
 * element is checked with `root` first. A file that is not well-formed is refused with its line and column.
 */
export async function* records(
  file: string,
  wanted: (path: string[], tag: SaxesTagNS) => boolean,
  root: (tag: SaxesTagNS) => void
): AsyncGenerator<XmlElement> {
  const parser = new SaxesParser({xmlns: true, position: true});
  const ready: XmlElement[] = [];
  const path: string[] = [];
  // The element being built, and its open descendants.
  const open: XmlElement[] = [];
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= new SourceError(
      `The file is not well-formed XML (${error.message.replace(/^[^:]*:\d+:\d+: /, '')}) at line ${parser.line}, column ${parser.column}.`
    );
  });
  parser.on('opentag', (tag) => {
    if (!path.length) root(tag);
    path.push(tag.local);
    if (open.length || wanted(path, tag)) {
      const attributes: Record<string, string> = {};
      for (const attribute of Object.values(tag.attributes)) attributes[attribute.local] = attribute.value;
      const element: XmlElement = {uri: tag.uri, name: tag.local, attributes, text: '', children: []};
      open[open.length - 1]?.children.push(element);
      open.push(element);
    }
  });
  const text = (value: string) => {
    const current = open[open.length - 1];
    if (current) current.text += value;
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('closetag', () => {
    path.pop();
    const done = open.pop();
    if (done && !open.length) ready.push(done);
  });
  try {
    for await (const chunk of createReadStream(file, {encoding: 'utf8'})) {
      parser.write(chunk as string);
      if (failure) throw failure;
      yield* ready.splice(0);
    }
    parser.close();
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw failure ?? new SourceError(`The file could not be read as XML: ${(error as Error).message}`);
  }
  if (failure) throw failure;
  yield* ready.splice(0);
}
