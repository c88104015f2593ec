import { Block, Expr, FuncLit, If, Program, Switch, SwitchCase, BinaryOp } from '../ast/nodes';
import { ChariotSyntaxError } from '../errors';
import { tokenize } from '../lexer/lexer';
import { describe, T, Token, TOKEN_NAMES } from '../lexer/token';

/** Deepest nesting of expressions the parser accepts (keeps the JS stack safe). */
export const MAX_NESTING = 400;

const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/**
 * Recursive-descent parser: the reference's call syntax (`name(args){block}`, `if`, `while`,
 * `switch`, `func`, array literals) plus part B's infix layer (`;`, `let x = e`, `x = e`,
 * binary and unary operators with the usual precedence, parentheses).
 */
export function parse(src: string): Program {
  const p = new Parser(tokenize(src));
  try {
    return p.program();
  } catch (e) {
    if (e instanceof RangeError)
      throw new ChariotSyntaxError('program is nested too deeply', p.cur().line, p.cur().col);
    throw e;
  }
}

class Parser {
  private i = 0;
  private cur_: Token;
  private depth = 0;

  /** Column of the first token of each line: how the line is indented. */
  private readonly indent = new Map<number, number>();
  /**
   * Blocks whose '}' starts its own line but does not line up with the line that opened the
   * block, in the order they closed: a '}' forgotten inside one made it take an outer block's.
   */
  private readonly misclosed: { open: Token; close: Token }[] = [];

  constructor(private readonly toks: Token[]) {
    this.cur_ = toks[0];
    for (const t of toks) if (!this.indent.has(t.line)) this.indent.set(t.line, t.col);
  }

  /** The current token (a method, so that TypeScript does not narrow it across next()). */
  cur(): Token {
    return this.cur_;
  }

  private next(): Token {
    const t = this.cur_;
    this.cur_ = this.toks[++this.i] ?? this.toks[this.toks.length - 1];
    return t;
  }

  private peek(k = 1): Token {
    return this.toks[this.i + k] ?? this.toks[this.toks.length - 1];
  }

  private error(msg: string, tok: Token = this.cur()): never {
    throw new ChariotSyntaxError(msg, tok.line, tok.col);
  }

  private expect(type: T, what: string, context: string): Token {
    if (this.cur().type !== type) this.error(`expected ${what} ${context}, got ${describe(this.cur())}`);
    return this.next();
  }

  /**
   * The closing bracket of `open`. When something else comes, the mistake is placed where a
   * reader would fix it: at the opening bracket when the input ends, a closer of an outer
   * bracket comes, or the stray token is on a later line (the bracket was left open at the end
   * of a line, so the next line's first token is not the culprit); otherwise at that token.
   */
  private close(type: T, open: Token, context: string): Token {
    const t = this.cur();
    if (t.type === type) return this.next();
    if (endsGroup(t) || t.line > open.line) this.unclosed(open, t);
    return this.error(
      `expected ${TOKEN_NAMES[type]} to close the ${TOKEN_NAMES[open.type]} of ${context} at ${at(open)}, got ${describe(t)}`,
    );
  }

  /** "'(' opened at 3:12 is never closed", positioned at the opening bracket. */
  private unclosed(open: Token, found: Token): never {
    const seen = found.type === T.EOF ? '' : ` (${describe(found)} at ${at(found)} cannot continue it)`;
    return this.error(`${TOKEN_NAMES[open.type]} opened at ${at(open)} is never closed${seen}`, open);
  }

  /** `let name =` starts here. */
  private isLet(): boolean {
    const t = this.cur();
    const eq = this.peek(2);
    return t.type === T.Name && t.text === 'let' && this.peek().type === T.Name && eq.type === T.Op && eq.text === '=';
  }

  program(): Program {
    const body: Expr[] = [];
    while (this.cur().type !== T.EOF) {
      if (this.cur().type === T.Semi) {
        this.next();
        continue;
      }
      body.push(this.expr());
    }
    return { kind: 'program', body };
  }

  private block(context: string): Block {
    const open = this.expect(T.LBrace, "'{'", context);
    const body: Expr[] = [];
    for (;;) {
      const t = this.cur().type;
      if (t === T.RBrace) break;
      if (t === T.EOF) this.unclosedBlock(open);
      if (t === T.Semi) {
        this.next();
        continue;
      }
      body.push(this.expr());
    }
    const close = this.next();
    const ownLine = this.indent.get(close.line) === close.col;
    if (ownLine && close.line > open.line && this.indent.get(open.line) !== close.col)
      this.misclosed.push({ open, close });
    return { kind: 'block', body, line: open.line, col: open.col };
  }

  /**
   * A block still open at the end of input. When an inner block was closed by a '}' indented
   * like an outer one, the '}' forgotten is that inner block's: it is the one named.
   */
  private unclosedBlock(open: Token): never {
    const m = this.misclosed.find(
      (b) => b.open.line > open.line || (b.open.line === open.line && b.open.col > open.col),
    );
    if (!m) return this.unclosed(open, this.cur());
    let outer = m.open.line - 1;
    while (outer >= open.line && this.indent.get(outer) !== m.close.col) outer--;
    const hint = outer >= open.line ? `, so it closes the block of line ${outer}` : '';
    return this.error(
      `'{' opened at ${at(m.open)} is never closed (the '}' at ${at(m.close)} is indented like an outer block${hint})`,
      m.open,
    );
  }

  expr(): Expr {
    if (++this.depth > MAX_NESTING) this.error('program is nested too deeply');
    try {
      const t = this.cur();
      if (t.type === T.Name) {
        const n1 = this.peek();
        if (this.isLet()) {
          this.next();
          this.next();
          this.next();
          return { kind: 'assign', name: n1.text, declare: true, value: this.expr(), line: t.line, col: t.col };
        }
        if (n1.type === T.Op && n1.text === '=') {
          this.next();
          this.next();
          return { kind: 'assign', name: t.text, declare: false, value: this.expr(), line: t.line, col: t.col };
        }
      }
      return this.binary(1);
    } finally {
      this.depth--;
    }
  }

  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.cur();
      if (t.type !== T.Op) return left;
      const prec = PRECEDENCE[t.text];
      if (prec === undefined || prec < minPrec) return left;
      this.next();
      const right = this.binary(prec + 1);
      if (t.text === '&&' || t.text === '||') {
        left = { kind: 'logical', op: t.text, left, right, line: t.line, col: t.col };
      } else {
        left = { kind: 'binary', op: t.text as BinaryOp, left, right, line: t.line, col: t.col };
      }
    }
  }

  private unary(): Expr {
    const t = this.cur();
    if (t.type === T.Op && (t.text === '!' || t.text === '-')) {
      this.next();
      if (++this.depth > MAX_NESTING) this.error('program is nested too deeply');
      const operand = this.unary();
      this.depth--;
      return { kind: 'unary', op: t.text, operand, line: t.line, col: t.col };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.cur();
    switch (t.type) {
      case T.Number:
        this.next();
        return { kind: 'number', value: t.num, line: t.line, col: t.col };
      case T.String:
        this.next();
        return { kind: 'string', value: t.text, line: t.line, col: t.col };
      case T.LBracket:
        return this.arrayLit();
      case T.LParen: {
        const open = this.next();
        const e = this.expr();
        this.close(T.RParen, open, 'the group');
        return e;
      }
      case T.Name:
        switch (t.text) {
          case 'if':
            this.next();
            return this.ifExpr(t);
          case 'while': {
            this.next();
            const open = this.expect(T.LParen, "'('", "after 'while'");
            const cond = this.expr();
            this.close(T.RParen, open, 'the while condition');
            const body = this.block('for the while body');
            return { kind: 'while', cond, body, line: t.line, col: t.col };
          }
          case 'switch':
            this.next();
            return this.switchExpr(t);
          case 'func':
            if (this.peek().type === T.LParen) {
              this.next();
              return this.funcLit(t);
            }
            break;
        }
        this.next();
        if (this.cur().type === T.LParen) return this.call(t);
        return { kind: 'name', name: t.text, line: t.line, col: t.col };
      default:
        return this.error(`unexpected ${describe(t)}`);
    }
  }

  private call(nameTok: Token): Expr {
    const open = this.next();
    const args: Expr[] = [];
    while (this.cur().type !== T.RParen) {
      // Commas are optional, so a forgotten ')' swallows the lines after it as arguments; a
      // `let` declaration (never an argument in practice) or an outer closer shows where it ends.
      if (endsGroup(this.cur()) || this.isLet()) this.unclosed(open, this.cur());
      args.push(this.expr());
      if (this.cur().type === T.Comma) this.next();
    }
    this.next(); // )
    if (this.cur().type === T.LBrace) args.push(this.block('after the call'));
    return { kind: 'call', name: nameTok.text, args, line: nameTok.line, col: nameTok.col };
  }

  private arrayLit(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    while (this.cur().type !== T.RBracket) {
      if (endsGroup(this.cur())) this.unclosed(open, this.cur());
      items.push(this.expr());
      const t = this.cur();
      if (t.type === T.Comma) this.next();
      else if (t.type !== T.RBracket) {
        if (endsGroup(t) || t.line > open.line) this.unclosed(open, t);
        this.error(`expected ',' or ']' in array literal, got ${describe(t)}`);
      }
    }
    this.next();
    return { kind: 'array', items, line: open.line, col: open.col };
  }

  private ifExpr(t: Token): If {
    const open = this.expect(T.LParen, "'('", "after 'if'");
    const cond = this.expr();
    this.close(T.RParen, open, 'the if condition');
    const then = this.block('for the if branch');
    const node: If = { kind: 'if', cond, then, line: t.line, col: t.col };
    if (this.cur().type === T.Name && this.cur().text === 'else') {
      this.next();
      if (this.cur().type === T.Name && this.cur().text === 'if') {
        const it = this.next();
        node.otherwise = this.ifExpr(it);
      } else {
        node.otherwise = this.block("after 'else'");
      }
    }
    return node;
  }

  private switchExpr(t: Token): Switch {
    const open = this.expect(T.LParen, "'('", "after 'switch'");
    let subject: Expr | undefined;
    if (this.cur().type !== T.RParen) subject = this.expr();
    this.close(T.RParen, open, 'the switch value');
    const brace = this.expect(T.LBrace, "'{'", 'after switch(...)');
    const cases: SwitchCase[] = [];
    let defaultBody: Block | undefined;
    while (this.cur().type !== T.RBrace) {
      const c = this.cur();
      if (c.type === T.Semi) {
        this.next();
        continue;
      }
      if (c.type === T.Name && c.text === 'case') {
        this.next();
        const caseOpen = this.expect(T.LParen, "'('", "after 'case'");
        const test = this.expr();
        this.close(T.RParen, caseOpen, 'the case value');
        cases.push({ test, body: this.block('for the case body'), line: c.line, col: c.col });
      } else if (c.type === T.Name && c.text === 'default') {
        if (defaultBody) this.error('multiple default cases in switch');
        this.next();
        this.expect(T.LParen, "'('", "after 'default'");
        this.expect(T.RParen, "')'", "after 'default('");
        defaultBody = this.block('for the default body');
      } else if (c.type === T.EOF) {
        this.unclosed(brace, c);
      } else {
        this.error(`only 'case' and 'default' are allowed in a switch block, got ${describe(c)}`);
      }
    }
    this.next();
    if (cases.length === 0 && !defaultBody) this.error('switch block must contain at least one case or default', t);
    return { kind: 'switch', subject, cases, defaultBody, line: t.line, col: t.col };
  }

  private funcLit(t: Token): FuncLit {
    const open = this.next();
    const params: string[] = [];
    while (this.cur().type !== T.RParen) {
      if (endsGroup(this.cur())) this.unclosed(open, this.cur());
      const p = this.expect(T.Name, 'a parameter name', 'in func(...)');
      params.push(p.text);
      if (this.cur().type === T.Comma) this.next();
      else if (this.cur().type !== T.RParen) this.error(`expected ',' between parameters, got ${describe(this.cur())}`);
    }
    this.next();
    const body = this.block('for the function body');
    return { kind: 'func', params, body, line: t.line, col: t.col };
  }
}

/** `line:column` of a token, as messages name places. */
function at(t: Token): string {
  return `${t.line}:${t.col}`;
}

/** The end of input or a closer: nothing inside an open bracket can start with it. */
function endsGroup(t: Token): boolean {
  return t.type === T.EOF || t.type === T.RBrace || t.type === T.RBracket || t.type === T.RParen;
}
