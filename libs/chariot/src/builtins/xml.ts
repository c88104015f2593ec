import { TextBudget } from '../values/text-budget';
import { table } from './types';
import { node, str } from './util';
import { parseXml, xmlText } from './xml-codec';

export const XML_BUILTINS = table('xml', [
  [
    'parseXMLString',
    1,
    1,
    'Parses XML text into XML nodes (attributes, children, text).',
    (a, rt) => {
      const text = str(a[0], 'parseXMLString', 'XML text');
      rt.charge(text.length / 16);
      return parseXml(text);
    },
  ],
  [
    'xmlToString',
    1,
    1,
    'XML text of a node.',
    (a, rt) => rt.checkString(xmlText(node(a[0], 'xmlToString'), new TextBudget(rt.maxString))),
  ],
]);
