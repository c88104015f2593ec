/** Syntax tree produced by the parser. Every node carries its 1-based source position. */
export interface Pos {
  line: number;
  col: number;
}

export interface NumberLit extends Pos {
  kind: 'number';
  value: number;
}
export interface StringLit extends Pos {
  kind: 'string';
  value: string;
}
export interface NameRef extends Pos {
  kind: 'name';
  name: string;
}
export interface Call extends Pos {
  kind: 'call';
  name: string;
  args: Expr[];
}
export interface Block extends Pos {
  kind: 'block';
  body: Expr[];
}
export interface ArrayLit extends Pos {
  kind: 'array';
  items: Expr[];
}
export interface If extends Pos {
  kind: 'if';
  cond: Expr;
  then: Block;
  /** `else if` is an If here; `else {…}` a Block. */
  otherwise?: Block | If;
}
export interface While extends Pos {
  kind: 'while';
  cond: Expr;
  body: Block;
}
export interface SwitchCase extends Pos {
  test: Expr;
  body: Block;
}
export interface Switch extends Pos {
  kind: 'switch';
  subject?: Expr;
  cases: SwitchCase[];
  defaultBody?: Block;
}
export interface FuncLit extends Pos {
  kind: 'func';
  params: string[];
  body: Block;
}
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=';
export interface Binary extends Pos {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}
export interface Logical extends Pos {
  kind: 'logical';
  op: '&&' | '||';
  left: Expr;
  right: Expr;
}
export interface Unary extends Pos {
  kind: 'unary';
  op: '!' | '-';
  operand: Expr;
}
/** `let x = e` (declares in the current scope) and `x = e` (assigns like setq). */
export interface Assign extends Pos {
  kind: 'assign';
  name: string;
  declare: boolean;
  value: Expr;
}

export type Expr =
  | NumberLit
  | StringLit
  | NameRef
  | Call
  | Block
  | ArrayLit
  | If
  | While
  | Switch
  | FuncLit
  | Binary
  | Logical
  | Unary
  | Assign;

export interface Program {
  kind: 'program';
  body: Expr[];
}
