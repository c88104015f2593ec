/**
 * The Chariot value model.
 *
 * Number, Str and Bool are plain JS numbers, strings and booleans; Go's "no value" (`nil`) is
 * `undefined`; arrays are plain JS arrays (mutable, shared by reference). Everything else is a
 * class instance so that `typeOf` and the dispatchers can tell them apart cheaply.
 */
export class DBNullValue {
  toString(): string {
    return 'DBNull';
  }
}
/** The DBNull singleton (`null`, `Null`, `DBNull` in scripts). */
export const DBNull = new DBNullValue();

export type Value = number | string | boolean | undefined | DBNullValue | Value[] | ChObject;

/** Base of every object value; `typeCode` is what `typeOf` returns. */
export abstract class ChObject {
  abstract readonly typeCode: string;
}

export class ChMap extends ChObject {
  readonly typeCode = 'M';
  constructor(readonly map: Map<string, Value> = new Map()) {
    super();
  }
}

/**
 * A tree node. One class serves the reference's TreeNode (`T`), JSONNode (`J`), XMLNode (`X`)
 * and MapNode (typeOf `T` too): a name, ordered attributes, ordered children and a parent link.
 * A JSON array node keeps its elements in the attribute `_<name>` (as the reference does);
 * `arrayKey` names that attribute.
 */
export type NodeFlavor = 'tree' | 'json' | 'xml' | 'map';
export class TreeNode extends ChObject {
  attrs = new Map<string, Value>();
  children: TreeNode[] = [];
  parent: TreeNode | null = null;
  /** Text content of an XML element. */
  text = '';
  /** For a JSON array node: the attribute that holds the elements. */
  arrayKey: string | null = null;
  constructor(
    public name: string,
    readonly flavor: NodeFlavor = 'tree',
  ) {
    super();
  }
  get typeCode(): string {
    return this.flavor === 'json' ? 'J' : this.flavor === 'xml' ? 'X' : 'T';
  }
  addChild(c: TreeNode): void {
    c.parent = this;
    this.children.push(c);
  }
  /**
   * True when c is this node or one of its ancestors: made its child, c would be its own
   * ancestor, and walking up (getRoot, getPath, getDepth) would never end.
   */
  isSelfOrAncestor(c: TreeNode): boolean {
    if (c === this) return true;
    for (let n = this.parent; n !== null; n = n.parent) if (n === c) return true;
    return false;
  }
  childByName(name: string): TreeNode | undefined {
    return this.children.find((c) => c.name === name);
  }
  /** Elements of a JSON array node, else null. */
  arrayItems(): Value[] | null {
    if (this.arrayKey === null) return null;
    const v = this.attrs.get(this.arrayKey);
    return Array.isArray(v) ? v : null;
  }
}

export class ExitRequest extends ChObject {
  readonly typeCode = 'V';
  constructor(readonly code: number) {
    super();
  }
}

export class HostObject extends ChObject {
  readonly typeCode = 'H';
  readonly props = new Map<string, Value>();
  constructor(readonly name: string) {
    super();
  }
}

/** Opaque wrapper for values a builtin wants to hand around (plans, sessions…). */
export class OpaqueValue extends ChObject {
  constructor(
    readonly typeCode: string,
    readonly label: string,
    readonly data: unknown,
  ) {
    super();
  }
}

export function isArray(v: Value): v is Value[] {
  return Array.isArray(v);
}

/** Reference truthiness (`boolify`). */
export function truthy(v: Value): boolean {
  if (v === true) return true;
  if (v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return false;
}
