/**
 * The safe expression language of process definitions (流程表达式).
 *
 * A tokenizer, a recursive-descent parser and a tree-walking evaluator over a plain variables
 * object. No `eval`, no `Function`, no access to prototypes, no clock and no randomness: the same
 * source and variables always give the same result, so it may run inside the Temporal workflow
 * sandbox. The grammar and semantics are documented in docs/bpmn.md ("Expression language").
 *
 * Files: ast.ts (tree, values, errors) · lexer.ts → parser.ts (text → tree, cached) ·
 * templates.ts (`${...}` and `=expr` strings) · evaluator.ts · free-variables.ts (for the
 * validator) · functions.ts (built-ins) · values.ts (helpers on values).
 *
 * Precedence, lowest first:
 *   ternary `c ? a : b`  <  `??`  <  `||` `or`  <  `&&` `and`  <  `==` `!=` (`=` = `==`)
 *   <  `<` `<=` `>` `>=` `in` `not in`  <  `+` `-`  <  `*` `/` `%`  <  unary `!` `not` `-`
 *   <  postfix `.name` `[index]` `fn(args)`.
 */
export { ExpressionError, type Ast, type BinaryOp, type Value, type Variables } from './ast';
export { evaluate, evaluateCondition, evaluateTemplate } from './evaluator';
export { freeVariables } from './free-variables';
export { FUNCTION_NAMES } from './functions';
export { parseExpression } from './parser';
export { isTemplate, splitTemplate, unwrapExpression, type TemplatePart } from './templates';
