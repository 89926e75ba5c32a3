/** Syntax tree, values and errors of the expression language (see ./index.ts). */

export type Ast =
  | { type: 'literal'; value: Value; pos: number }
  | { type: 'ident'; name: string; pos: number }
  | { type: 'member'; object: Ast; property: string; pos: number }
  | { type: 'index'; object: Ast; index: Ast; pos: number }
  | { type: 'unary'; op: '!' | '-' | '+'; arg: Ast; pos: number }
  | { type: 'binary'; op: BinaryOp; left: Ast; right: Ast; pos: number }
  | { type: 'logical'; op: '&&' | '||' | '??'; left: Ast; right: Ast; pos: number }
  | { type: 'conditional'; test: Ast; consequent: Ast; alternate: Ast; pos: number }
  | { type: 'array'; elements: Ast[]; pos: number }
  | { type: 'call'; name: string; args: Ast[]; pos: number };

export type BinaryOp =
  '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | '+' | '-' | '*' | '/' | '%';

/** A JSON-like value, the only kind of value expressions see and produce. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export type Variables = Record<string, unknown>;

/** A syntax or evaluation error; `position` is the 0-based offset in `source`. */
export class ExpressionError extends Error {
  constructor(
    readonly reason: string,
    readonly source: string,
    readonly position: number,
  ) {
    super(`表达式错误 expression error at ${position + 1} in "${source}": ${reason}`);
    this.name = 'ExpressionError';
  }
}
