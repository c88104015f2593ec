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

/**
 * `text` as a log line is stored on both databases: NUL as NUL_REPLACEMENT, and each lone
 * surrogate as U+FFFD. Unpaired, SQLite's driver would store a surrogate's three bytes (read back
 * as three U+FFFD) and JSON would escape it for PostgreSQL to refuse. (Node 20 has
 * toWellFormed; the ES2022 typings do not.)
 */
export function storableText(text: string): string {
  return (withoutNul(text) as unknown as { toWellFormed(): string }).toWellFormed();
}

const hasNul = (value: unknown): boolean => typeof value === 'string' && value.includes(NUL);

/** A string without NUL, or an array parameter (`unnest(${texts}::text[])`) of them. */
const clean = (value: unknown): unknown => {
  if (typeof value === 'string') return withoutNul(value);
  if (Array.isArray(value) && value.some(hasNul)) return value.map(clean);
  return value;
};

class NulReplacer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = clean(node.value);
    return value === node.value ? node : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some(hasNul) ? { ...node, values: node.values.map(clean) } : node;
  }
}

/**
 * Replaces NUL in every string a query sends, on both databases alike. PostgreSQL refuses NUL in
 * text (`invalid byte sequence for encoding "UTF8": 0x00`), and a script can log one
 * (`fromCharCode(0)`) or a client send one in a program, a name or an id: stored, it reads back as
 * U+2400 (␀), and a lookup with one finds what was stored with it. Without this a NUL in a
 * log line made its batch fail for ever on PostgreSQL, and one in an id answered 500.
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
