import {
  KyselyPlugin,
  OperationNodeTransformer,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  PrimitiveValueListNode,
  QueryResult,
  RootOperationNode,
  UnknownRow,
  ValueNode,
} from 'kysely';

/** What a NUL character (U+0000) is stored as: U+2400 SYMBOL FOR NULL, visible where it is read. */
export const NUL_REPLACEMENT = '\u2400';

const NUL = '\u0000';

/** `text` with every NUL replaced by NUL_REPLACEMENT (the same string when it has none). */
export function withoutNul(text: string): string {
  return text.includes(NUL) ? text.replaceAll(NUL, NUL_REPLACEMENT) : text;
}

/** Node 20 has the ES2024 well-formed string methods; the ES2022 typings do not. */
type WellFormedString = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * `text` as both databases store it: NUL as NUL_REPLACEMENT, and each lone surrogate as U+FFFD.
 * Unpaired, a surrogate went to SQLite as its three bytes (read back as three U+FFFD), became
 * U+FFFD on the way to PostgreSQL, and JSON would escape it for PostgreSQL to refuse.
 */
export function storableText(text: string): string {
  return (withoutNul(text) as WellFormedString).toWellFormed();
}

const needsCleaning = (value: unknown): boolean =>
  typeof value === 'string' && (value.includes(NUL) || !(value as WellFormedString).isWellFormed());

/** A string as it is stored, or an array parameter (`unnest(${texts}::text[])`) of them. */
const clean = (value: unknown): unknown => {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value) && value.some(needsCleaning)) return value.map(clean);
  return value;
};

class NulReplacer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = clean(node.value);
    return value === node.value ? node : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some(needsCleaning) ? { ...node, values: node.values.map(clean) } : node;
  }
}

/**
 * Replaces NUL in every string a query sends, on both databases alike. PostgreSQL refuses NUL in
 * text (`invalid byte sequence for encoding "UTF8": 0x00`), and a script can log one
 * (`fromCharCode(0)`) or a client send one in a program, a name or an id: stored, it reads back as
 * U+2400 (␀), and a lookup with one finds what was stored with it. Without this a NUL in a
 * log line made its batch fail for ever on PostgreSQL, and one in an id answered 500. A lone
 * surrogate is stored as U+FFFD on both (see storableText).
 */
export class NulFreePlugin implements KyselyPlugin {
  private readonly replacer = new NulReplacer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.replacer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
