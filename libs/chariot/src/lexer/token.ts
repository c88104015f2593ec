export enum T {
  EOF,
  Name,
  Number,
  String,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Comma,
  Semi,
  Op,
}

export interface Token {
  type: T;
  /** Name text, operator text, or decoded string contents. */
  text: string;
  /** Numeric value of a Number token. */
  num: number;
  line: number;
  col: number;
  /** True when whitespace or a comment separates this token from the previous one. */
  spaced: boolean;
}

export const TOKEN_NAMES: Record<number, string> = {
  [T.EOF]: 'end of input',
  [T.Name]: 'name',
  [T.Number]: 'number',
  [T.String]: 'string',
  [T.LParen]: "'('",
  [T.RParen]: "')'",
  [T.LBrace]: "'{'",
  [T.RBrace]: "'}'",
  [T.LBracket]: "'['",
  [T.RBracket]: "']'",
  [T.Comma]: "','",
  [T.Semi]: "';'",
  [T.Op]: 'operator',
};

export function describe(tok: Token): string {
  switch (tok.type) {
    case T.Name:
      return `'${tok.text}'`;
    case T.Number:
      return `number ${tok.text}`;
    case T.String:
      return 'string';
    case T.Op:
      return `'${tok.text}'`;
    default:
      return TOKEN_NAMES[tok.type];
  }
}
