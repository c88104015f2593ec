import { Runtime } from '../evaluator/runtime';
import { HostObject, Value } from '../values/values';
import { table } from './types';
import { err, str, typeName } from './util';

/** A host object, or the name of one (as the reference accepts both). */
function hostArg(v: Value, who: string, rt: Runtime): HostObject {
  if (v instanceof HostObject) return v;
  if (typeof v === 'string') return rt.hostObjects.get(v) ?? err(`host object '${v}' not found`);
  return err(`${who}: first argument must be host object or object name, got ${typeName(v)}`);
}

/**
 * Host objects: named property bags that scripts can share with the host. The reference
 * wraps Go structs; here the properties live in the object (no reflection into the server).
 */
export const HOST_BUILTINS = table('host', [
  [
    'createHostObject',
    1,
    1,
    'createHostObject(name): a new host object, also reachable by its name.',
    (a, rt) => {
      const name = str(a[0], 'createHostObject', 'name');
      const h = new HostObject(name);
      rt.hostObjects.set(name, h);
      return h;
    },
  ],
  [
    'getHostObject',
    1,
    1,
    'The host object with that name.',
    (a, rt) => {
      const name = str(a[0], 'getHostObject', 'name');
      return rt.hostObjects.get(name) ?? err(`host object '${name}' not found`);
    },
  ],
  [
    'hostObject',
    1,
    1,
    'The host object with that name, created when missing.',
    (a, rt) => {
      const name = str(a[0], 'hostObject', 'name');
      let h = rt.hostObjects.get(name);
      if (!h) rt.hostObjects.set(name, (h = new HostObject(name)));
      return h;
    },
  ],
  [
    'setHostProperty',
    3,
    3,
    'Sets a property of a host object.',
    (a, rt) => {
      hostArg(a[0], 'setHostProperty', rt).props.set(str(a[1], 'setHostProperty', 'property name'), a[2]);
      return a[2];
    },
  ],
  [
    'getHostProperty',
    2,
    2,
    'A property of a host object (error when absent).',
    (a, rt) => {
      const h = hostArg(a[0], 'getHostProperty', rt);
      const k = str(a[1], 'getHostProperty', 'property name');
      const v = h.props.get(k);
      return v === undefined ? err(`host object ${h.name} has no property '${k}'`) : v;
    },
  ],
  [
    'callMethod',
    2,
    null,
    'callMethod(obj, name, args…): calls a function stored as a property of a host object.',
    (a, rt) => {
      const h = hostArg(a[0], 'callMethod', rt);
      const k = str(a[1], 'callMethod', 'method name');
      const f = h.props.get(k);
      if (f === undefined) return err(`host object ${h.name} has no method '${k}'`);
      return rt.invoke(f, a.slice(2), 'callMethod');
    },
  ],
  [
    'callHostMethod',
    2,
    null,
    'Alias of callMethod.',
    (a, rt) => {
      const h = hostArg(a[0], 'callHostMethod', rt);
      const k = str(a[1], 'callHostMethod', 'method name');
      const f = h.props.get(k);
      if (f === undefined) return err(`host object ${h.name} has no method '${k}'`);
      return rt.invoke(f, a.slice(2), 'callHostMethod');
    },
  ],
]);
