import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password policy (OWASP ASVS 2.1, MLPS 2.0 level 3 身份鉴别), pure and applied on create,
 * change and reset: at least 12 characters, at most 72 bytes (bcrypt's limit, so nothing is
 * silently cut), not containing the account name, not a common password (the ~49,000 passwords of
 * zxcvbn-ts's common list, also with digits or symbols appended), not a run of a few repeated
 * characters. Character classes are not required (ASVS 2.1.9).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_BYTES = 72;
const MIN_DISTINCT = 5;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

export interface PasswordContext {
  username: string;
  /** More passwords refused outright (e.g. the demo password in production mode). */
  refused?: readonly string[];
}

/** Every rule the password breaks, as Chinese messages; empty when it is acceptable. */
export function passwordProblems(password: string, ctx: PasswordContext): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  const lower = password.toLowerCase();
  if (length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES)
    problems.push(`密码不能超过 ${PASSWORD_MAX_BYTES} 字节（约 72 个英文字符或 24 个汉字）`);
  const name = ctx.username.toLowerCase();
  if (name.length >= 3 && lower.includes(name)) problems.push('密码不能包含用户名');
  if (isCommon(lower)) problems.push('密码过于常见（在常用密码表中），请换一个');
  if (new Set(password).size < MIN_DISTINCT)
    problems.push(`密码至少包含 ${MIN_DISTINCT} 个不同字符`);
  if ((ctx.refused ?? []).some((r) => r.toLowerCase() === lower))
    problems.push('不能使用演示密码或公开的默认密码');
  return problems;
}

function isCommon(lower: string): boolean {
  const list = commonPasswords();
  if (list.has(lower)) return true;
  // "password2024!" and "qwertyuiop123" are the common word with a suffix.
  const base = lower.replace(/[\d\W_]+$/u, '');
  if (base.length >= 4 && base !== lower && list.has(base)) return true;
  // "!!2024password" likewise with a prefix.
  const tail = lower.replace(/^[\d\W_]+/u, '');
  return tail.length >= 4 && tail !== lower && list.has(tail);
}
