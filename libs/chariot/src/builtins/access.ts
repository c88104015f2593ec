import { ChMap, DBNull, HostObject, isArray, NodeFlavor, OpaqueValue, TreeNode, Value } from '../values/values';
import { err, typeName } from './util';

const INDEX = /^\d+$/;

/** One step of a property path; undefined when absent. */
export function stepInto(cur: Value, key: string): Value {
  if (cur instanceof TreeNode) {
    const items = cur.arrayItems();
    if (items !== null && INDEX.test(key)) return items[Number(key)];
    if (cur.attrs.has(key)) return cur.attrs.get(key);
    const c = cur.childByName(key);
    if (c !== undefined) {
      if (c.flavor === 'xml' && c.children.length === 0 && c.attrs.size === 0) return c.text;
      return c;
    }
    return undefined;
  }
  if (isArray(cur)) return INDEX.test(key) ? cur[Number(key)] : undefined;
  if (cur instanceof ChMap) return cur.map.get(key);
  if (cur instanceof HostObject) return cur.props.get(key);
  if (cur instanceof OpaqueValue && cur.data instanceof ChMap) return cur.data.map.get(key);
  return undefined;
}

/** getProp: dotted paths through nodes, maps, arrays; a missing property is DBNull. */
export function getPath(target: Value, path: string): Value {
  if (
    !(
      target instanceof TreeNode ||
      target instanceof ChMap ||
      target instanceof HostObject ||
      target instanceof OpaqueValue ||
      Array.isArray(target)
    )
  ) {
    return err(`getProp: unsupported type ${typeName(target)}`);
  }
  const direct = stepInto(target, path);
  if (direct !== undefined) return direct;
  if (target instanceof TreeNode && target.flavor === 'map') return err(`getProp: property '${path}' not found`);
  if (!path.includes('.')) return DBNull;
  let cur: Value = target;
  for (const part of path.split('.')) {
    cur = stepInto(cur, part);
    if (cur === undefined) return DBNull;
  }
  return cur;
}

/** setProp: dotted paths create intermediate nodes (JSON nodes) as needed. */
export function setPath(target: Value, path: string, value: Value): Value {
  if (target instanceof ChMap) {
    target.map.set(path, value);
    return target;
  }
  if (target instanceof HostObject) {
    target.props.set(path, value);
    return target;
  }
  if (!(target instanceof TreeNode) && !Array.isArray(target))
    return err(`setProp: unsupported type ${typeName(target)}`);
  const parts = target instanceof TreeNode && target.attrs.has(path) ? [path] : path.split('.');
  let cur: Value = target;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = stepInto(cur, parts[i]);
    if (!(next instanceof TreeNode || next instanceof ChMap || Array.isArray(next))) {
      const flavor: NodeFlavor = cur instanceof TreeNode && cur.flavor !== 'map' ? cur.flavor : 'json';
      next = new TreeNode(parts[i], flavor);
      setOne(cur, parts[i], next);
    }
    cur = next;
  }
  setOne(cur, parts[parts.length - 1], value);
  return target;
}

function setOne(cur: Value, key: string, value: Value): void {
  if (cur instanceof TreeNode) {
    const items = cur.arrayItems();
    if (items !== null && INDEX.test(key)) {
      const i = Number(key);
      if (i > items.length) err(`setProp: index ${i} out of range`);
      items[i] = value;
      return;
    }
    cur.attrs.set(key, value);
    return;
  }
  if (Array.isArray(cur)) {
    if (!INDEX.test(key) || Number(key) > cur.length) err(`setProp: invalid array index '${key}'`);
    cur[Number(key)] = value;
    return;
  }
  if (cur instanceof ChMap) {
    cur.map.set(key, value);
    return;
  }
  err(`setProp: cannot set '${key}' on ${typeName(cur)}`);
}
