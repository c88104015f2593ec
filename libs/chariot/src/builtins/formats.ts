import { jsonNodeFrom, toJson } from '../values/json';
import { TreeNode, Value } from '../values/values';
import { parseJsonText } from './json';
import { table } from './types';
import { err, typeName } from './util';
import { parseYaml, toYaml } from './yaml';

function jsonDataOf(v: Value, who: string): unknown {
  if (typeof v === 'string') return parseJsonText(v, who);
  if (v instanceof TreeNode || Array.isArray(v) || (v !== null && typeof v === 'object')) return toJson(v);
  return err(`${who}: expected JSON text or a node, got ${typeName(v)}`);
}

export const FORMAT_BUILTINS = table('formats', [
  [
    'yamlToJSON',
    1,
    1,
    'Parses YAML text into a JSON node.',
    (a, rt) => {
      if (typeof a[0] !== 'string') return err(`yamlToJSON: expected YAML text, got ${typeName(a[0])}`);
      return jsonNodeFrom(
        parseYaml(a[0], (n) => rt.charge(n)),
        'root',
      );
    },
  ],
  [
    'yamlToJSONNode',
    1,
    1,
    'Parses YAML text into a JSON node.',
    (a, rt) =>
      jsonNodeFrom(
        parseYaml(typeof a[0] === 'string' ? a[0] : err('yamlToJSONNode: expected YAML text'), (n) => rt.charge(n)),
        'root',
      ),
  ],
  [
    'jsonToYAML',
    1,
    1,
    'YAML text of a JSON node or JSON text.',
    (a, rt) => rt.checkString(toYaml(jsonDataOf(a[0], 'jsonToYAML'))),
  ],
  [
    'jsonToYAMLNode',
    1,
    1,
    'A node (via YAML) of a JSON node or JSON text.',
    (a, rt) =>
      jsonNodeFrom(
        parseYaml(toYaml(jsonDataOf(a[0], 'jsonToYAMLNode')), (n) => rt.charge(n)),
        'root',
      ),
  ],
  [
    'parseYAML',
    1,
    1,
    'Parses YAML text into a JSON node.',
    (a, rt) =>
      jsonNodeFrom(
        parseYaml(typeof a[0] === 'string' ? a[0] : err('parseYAML: expected YAML text'), (n) => rt.charge(n)),
        'root',
      ),
  ],
  ['treeToYAML', 1, 1, 'YAML text of a node.', (a, rt) => rt.checkString(toYaml(toJson(a[0])))],
]);
