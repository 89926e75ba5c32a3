import type { Ast } from './ast';
import { parseExpression } from './parser';
import { splitTemplate, unwrapExpression } from './templates';

/**
 * Top-level variable names an expression reads (for the validator), sorted, without duplicates.
 * `mode: 'template'` treats plain text as a literal and only inspects `${...}` parts.
 */
export function freeVariables(
  src: string,
  mode: 'expression' | 'template' = 'expression',
): string[] {
  const names = new Set<string>();
  const whole = unwrapExpression(src);
  if (whole !== undefined) collect(parseExpression(whole), names);
  else if (mode === 'expression') collect(parseExpression(src), names);
  else {
    for (const part of splitTemplate(src)) {
      if ('expr' in part) collect(parseExpression(part.expr), names);
    }
  }
  return [...names].sort();
}

function collect(ast: Ast, names: Set<string>): void {
  switch (ast.type) {
    case 'ident':
      names.add(ast.name);
      return;
    case 'literal':
      return;
    case 'member':
      return collect(ast.object, names);
    case 'index':
      collect(ast.object, names);
      return collect(ast.index, names);
    case 'unary':
      return collect(ast.arg, names);
    case 'binary':
    case 'logical':
      collect(ast.left, names);
      return collect(ast.right, names);
    case 'conditional':
      collect(ast.test, names);
      collect(ast.consequent, names);
      return collect(ast.alternate, names);
    case 'array':
      return ast.elements.forEach((e) => collect(e, names));
    case 'call':
      return ast.args.forEach((e) => collect(e, names));
  }
}
