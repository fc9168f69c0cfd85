/**
 * Evaluates the integer expressions of C preprocessor conditionals and
 * `#define __NR_x <expr>` values, as far as the kernel's unistd headers use
 * them: integers, `defined X` / `defined(X)`, object-like macros (undefined
 * ones are 0, as in cpp), `! && || == != < > <= >= + -` and parentheses.
 */
export type MacroTable = ReadonlyMap<string, string>;

const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_]\w*|&&|\|\||==|!=|<=|>=|[()!<>+-])/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let rest = expression.trim();
  while (rest !== '') {
    TOKEN.lastIndex = 0;
    const match = TOKEN.exec(rest);
    if (!match?.[1]) throw new Error(`cannot evaluate C expression: ${expression}`);
    tokens.push(match[1]);
    rest = rest.slice(match[0].length).trim();
  }
  return tokens;
}

export function evaluateCExpression(expression: string, macros: MacroTable, depth = 0): number {
  if (depth > 32) throw new Error(`macro recursion too deep in: ${expression}`);
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const take = () => {
    const token = tokens[position++];
    if (token === undefined) throw new Error(`unexpected end of C expression: ${expression}`);
    return token;
  };

  const primary = (): number => {
    const token = take();
    if (token === '(') {
      const value = or();
      if (take() !== ')') throw new Error(`missing ) in: ${expression}`);
      return value;
    }
    if (token === '!') return primary() ? 0 : 1;
    if (token === '-') return -primary();
    if (token === 'defined') {
      const parenthesised = peek() === '(';
      if (parenthesised) take();
      const name = take();
      if (parenthesised && take() !== ')') throw new Error(`missing ) in: ${expression}`);
      return macros.has(name) ? 1 : 0;
    }
    if (/^\d/.test(token)) return Number(token);
    const body = macros.get(token);
    return body === undefined || body.trim() === ''
      ? 0
      : evaluateCExpression(body, macros, depth + 1);
  };
  const additive = (): number => {
    let value = primary();
    while (peek() === '+' || peek() === '-')
      value = take() === '+' ? value + primary() : value - primary();
    return value;
  };
  const relational = (): number => {
    let value = additive();
    for (;;) {
      const op = peek();
      if (op !== '<' && op !== '>' && op !== '<=' && op !== '>=') return value;
      take();
      const right = additive();
      const result =
        op === '<'
          ? value < right
          : op === '>'
            ? value > right
            : op === '<='
              ? value <= right
              : value >= right;
      value = result ? 1 : 0;
    }
  };
  const equality = (): number => {
    let value = relational();
    while (peek() === '==' || peek() === '!=') {
      const op = take();
      const right = relational();
      value = (op === '==' ? value === right : value !== right) ? 1 : 0;
    }
    return value;
  };
  const and = (): number => {
    let value = equality();
    while (peek() === '&&') {
      take();
      const right = equality();
      value = value && right ? 1 : 0;
    }
    return value;
  };
  const or = (): number => {
    let value = and();
    while (peek() === '||') {
      take();
      const right = and();
      value = value || right ? 1 : 0;
    }
    return value;
  };

  const result = or();
  if (position !== tokens.length) throw new Error(`trailing tokens in C expression: ${expression}`);
  return result;
}
