import fc from 'fast-check';
import {
  ExpressionError,
  evaluate,
  evaluateCondition,
  evaluateTemplate,
  freeVariables,
  parseExpression,
  unwrapExpression,
} from '../../../src/workflows/interpreter/expression';

const vars = {
  a: 3,
  b: 4,
  name: '张三',
  ok: true,
  no: false,
  nothing: null,
  list: [1, 2, 3],
  depts: ['market', 'tax'],
  obj: { x: { y: 'deep' }, 'with space': 1, n: 2 },
  items: [{ dept: 'market', count: 2 }],
};

describe('expression language: literals and paths', () => {
  it.each([
    ['42', 42],
    ['3.5', 3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ["'single'", 'single'],
    ['"double"', 'double'],
    ["'it\\'s'", "it's"],
    ['"line\\nbreak"', 'line\nbreak'],
    ['true', true],
    ['false', false],
    ['null', null],
    ['[1, "x", [true]]', [1, 'x', [true]]],
    ['[]', []],
  ])('%s evaluates to %j', (src, expected) => {
    expect(evaluate(src, {})).toEqual(expected);
  });

  it.each([
    ['a', 3],
    ['obj.x.y', 'deep'],
    ["obj['with space']", 1],
    ['list[0]', 1],
    ['list[-1]', 3],
    ['list[a - 1]', 3],
    ['list.length', 3],
    ['name.length', 2],
    ['items[0].dept', 'market'],
    ['obj.missing', null],
    ['obj.missing.deeper', null],
    ['list[10]', null],
    ['nothing.x', null],
  ])('%s reads %j', (src, expected) => {
    expect(evaluate(src, vars)).toEqual(expected);
  });

  it('reads Chinese identifiers', () => {
    expect(evaluate('部门 == "市场"', { 部门: '市场' })).toBe(true);
  });
});

describe('expression language: operators', () => {
  it.each([
    ['a + b', 7],
    ['a - b', -1],
    ['a * b', 12],
    ['b / 2', 2],
    ['b % 3', 1],
    ['-a + +b', 1],
    ['a + b * 2', 11],
    ['(a + b) * 2', 14],
    ["'x' + a", 'x3'],
    ['name + "!"', '张三!'],
    ['[1] + [2]', [1, 2]],
    ['a == 3', true],
    ['a != 3', false],
    ['a = 3', true],
    ["name == '张三'", true],
    ['list == [1, 2, 3]', true],
    ['obj.x == obj.x', true],
    ['a == "3"', false],
    ['a < b', true],
    ['a <= 3', true],
    ['a > b', false],
    ['b >= 4', true],
    ["'abc' < 'abd'", true],
    ['ok && !no', true],
    ['ok and not no', true],
    ['no || ok', true],
    ['no or no', false],
    ['a > 1 && b > 1 || no', true],
    ['ok ? "y" : "n"', 'y'],
    ['no ? 1 : ok ? 2 : 3', 2],
    ['2 in list', true],
    ['5 in list', false],
    ['5 not in list', true],
    ["'tax' in depts", true],
    ["'ar' in 'market'", true],
    ["'x' in obj", true],
    ["'zz' in obj", false],
    ['1 in nothing', false],
    ['undefinedVar ?? 7', 7],
    ['nothing ?? "default"', 'default'],
    ['a ?? 7', 3],
  ])('%s → %j', (src, expected) => {
    expect(evaluate(src, vars)).toEqual(expected);
  });

  it('short-circuits && and || so the right side may be ill-typed', () => {
    expect(evaluate('no && missing > 1', vars)).toBe(false);
    expect(evaluate('ok || missing > 1', vars)).toBe(true);
  });
});

describe('expression language: functions', () => {
  it.each([
    ['len(list)', 3],
    ['size(depts)', 2],
    ['len(name)', 2],
    ['len(obj)', 3],
    ['len(nothing)', 0],
    ['isEmpty([])', true],
    ["contains(depts, 'tax')", true],
    ["contains(name, '三')", true],
    ['keys(obj)', ['n', 'with space', 'x']],
    ['sum(list)', 6],
    ['sum(1, 2, 3)', 6],
    ['min(list)', 1],
    ['max(4, 9, 2)', 9],
    ['min([])', null],
    ['abs(-2)', 2],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ['round(2.5)', 3],
    ["upper('ab')", 'AB'],
    ["lower('AB')", 'ab'],
    ["trim('  x ')", 'x'],
    ['string(12)', '12'],
    ["number('12.5')", 12.5],
    ['values(obj.x)', ['deep']],
  ])('%s → %j', (src, expected) => {
    expect(evaluate(src, vars)).toEqual(expected);
  });

  it('has no clock or randomness', () => {
    expect(() => parseExpression('now()')).toThrow(/unknown function "now"/);
    expect(() => parseExpression('random()')).toThrow(/unknown function "random"/);
  });
});

describe('expression language: errors name the position', () => {
  it.each([
    ['a +', /unexpected end of expression/, 3],
    ['a ) b', /unexpected "\)"/, 2],
    ["'open", /unterminated string/, 0],
    ['a # b', /unexpected character "#"/, 2],
    ['', /empty expression/, 0],
    ['foo(1)', /unknown function "foo"/, 0],
    ['a.', /expected a property name/, 2],
    ['[1, 2', /expected "\]"/, 5],
    ['12abc', /invalid number/, 0],
    ['a ? b', /expected ":"/, 5],
  ])('parse %j fails', (src, message, position) => {
    let caught: unknown;
    try {
      parseExpression(src);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect((caught as ExpressionError).message).toMatch(message);
    expect((caught as ExpressionError).position).toBe(position);
  });

  it.each([
    ['missing', /undefined variable "missing"/],
    ["a + 'x' - 1", /"-" needs numbers/],
    ['a / 0', /division by zero/],
    ['a < "x"', /cannot compare/],
    ['!a', /needs a boolean/],
    ['a && ok', /needs booleans/],
    ['a ? 1 : 2', /expected a boolean/],
    ['list.x', /index of a list must be an integer/],
    ['obj.__proto__', /forbidden property/],
    ['obj.constructor', /forbidden property/],
    ['a.b', /cannot read "b" of number/],
    ['len(1)', /len\(\): expects a list/],
    ['sum("x")', /expects numbers/],
    ["number('abc')", /cannot convert/],
  ])('evaluate %j fails', (src, message) => {
    expect(() => evaluate(src, vars)).toThrow(ExpressionError);
    expect(() => evaluate(src, vars)).toThrow(message);
  });

  it('rejects deeply nested input instead of overflowing the stack', () => {
    const src = '('.repeat(500) + '1' + ')'.repeat(500);
    expect(() => parseExpression(src)).toThrow(/nested too deeply/);
  });

  it('does not read inherited properties of the variables object', () => {
    expect(() => evaluate('toString', {})).toThrow(/undefined variable "toString"/);
    expect(evaluate('obj.hasOwnProperty', vars)).toBeNull();
  });
});

describe('conditions and templates', () => {
  it('accepts bare, ${} and Zeebe = forms for conditions', () => {
    expect(evaluateCondition('a > 1', vars)).toBe(true);
    expect(evaluateCondition('${a > 1}', vars)).toBe(true);
    expect(evaluateCondition(' ${ a > 10 } ', vars)).toBe(false);
    expect(evaluateCondition('=a > 1', vars)).toBe(true);
  });

  it('requires a condition to give a boolean', () => {
    expect(() => evaluateCondition('a', vars)).toThrow(/expected a boolean/);
  });

  it('gives the typed value for a whole-string placeholder', () => {
    expect(evaluateTemplate('${list}', vars)).toEqual([1, 2, 3]);
    expect(evaluateTemplate('${a}', vars)).toBe(3);
    expect(evaluateTemplate('=a + 1', vars)).toBe(4);
  });

  it('interpolates text with placeholders', () => {
    expect(evaluateTemplate('部门 ${name} 有 ${a} 项', vars)).toBe('部门 张三 有 3 项');
    expect(evaluateTemplate('${a}${b}', vars)).toBe('34');
    expect(evaluateTemplate('x=${nothing}|${list}', vars)).toBe('x=|[1,2,3]');
    expect(evaluateTemplate("${'}'}", vars)).toBe('}');
  });

  it('returns text without placeholders unchanged', () => {
    expect(evaluateTemplate('office', vars)).toBe('office');
  });

  it('reports an unclosed placeholder', () => {
    expect(() => evaluateTemplate('a ${b', vars)).toThrow(/unclosed/);
  });

  it('unwraps only single whole placeholders', () => {
    expect(unwrapExpression('${a}')).toBe('a');
    expect(unwrapExpression('${a} ${b}')).toBeUndefined();
    expect(unwrapExpression('plain')).toBeUndefined();
  });
});

describe('freeVariables', () => {
  it('lists top-level names, not properties or functions', () => {
    expect(freeVariables('a.b + len(c[d]) > e ? f : [g]')).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
    expect(freeVariables('${x == 1 && y}')).toEqual(['x', 'y']);
    expect(freeVariables("'lit' + 1")).toEqual([]);
  });

  it('treats plain text as a literal in template mode', () => {
    expect(freeVariables('office', 'template')).toEqual([]);
    expect(freeVariables('to ${dept} by ${user.id}', 'template')).toEqual(['dept', 'user']);
    expect(freeVariables('office')).toEqual(['office']);
  });
});

describe('properties', () => {
  const small = fc.integer({ min: -1000, max: 1000 });

  it('arithmetic agrees with JavaScript on integers', () => {
    fc.assert(
      fc.property(small, small, small, (x, y, z) => {
        expect(evaluate('x + y * z - (x - y)', { x, y, z })).toBe(x + y * z - (x - y));
      }),
    );
  });

  it('is deterministic and never throws anything but ExpressionError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (src) => {
        let first: unknown;
        let second: unknown;
        try {
          first = evaluate(src, vars);
        } catch (e) {
          expect(e).toBeInstanceOf(ExpressionError);
          first = (e as Error).message;
        }
        try {
          second = evaluate(src, vars);
        } catch (e) {
          second = (e as Error).message;
        }
        expect(second).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but ExpressionError on token soup', () => {
    const token = fc.constantFrom(
      'a',
      'list',
      '1',
      "'s'",
      '(',
      ')',
      '[',
      ']',
      '+',
      '&&',
      'not',
      'in',
      '?',
      ':',
      ',',
      '.',
      'len',
      '${',
      '}',
      '==',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const src = tokens.join(' ');
        try {
          evaluateTemplate(src, vars);
          freeVariables(src, 'template');
        } catch (e) {
          expect(e).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('regressions', () => {
  it('does not treat Object.prototype names as keywords or functions', () => {
    expect(() => evaluate('constructor', {})).toThrow(/undefined variable "constructor"/);
    expect(() => parseExpression('constructor(1)')).toThrow(/unknown function "constructor"/);
    expect(() => parseExpression('hasOwnProperty(1)')).toThrow(/unknown function/);
  });
});
