/**
 * PIPL (个人信息保护法) masking of the target name as published. Enterprises, cooperatives and
 * other organisations are published by their registered name, unchanged. An individual business
 * (个体工商户) is a natural person, and its registered name often carries the operator's name:
 *
 * 1. a trailing parenthesis holding a personal name — "彭阳县张三便利店（张三）": the name inside
 *    is masked, the trade name before it is kept as registered → "彭阳县张三便利店（张*）";
 * 2. no trade name at all, the name is the operator's — "张三": the whole name is masked → "张*".
 *
 * A personal name is 2–4 Han characters, or Han words joined by "·" (names of ethnic minorities,
 * e.g. 阿依古丽·买买提), containing no word that marks a business (店, 馆, 超市 …). Masking keeps
 * the family name — a compound one (欧阳, 司马 …) when the name starts with it — and replaces every
 * other character by "*", keeping "·": 张三 → 张*, 欧阳娜娜 → 欧阳**, 阿依古丽·买买提 → 阿***·***.
 * When in doubt the rule masks (a shop called "老王烧烤" becomes "老***"): over-masking a name
 * costs nothing, publishing a person's name is what the law forbids.
 */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '宇文',
  '长孙',
  '司徒',
  '夏侯',
  '端木',
  '南宫',
  '西门',
  '独孤',
  '呼延',
  '轩辕',
];

const HAN = '\\u4e00-\\u9fa5';
const PERSONAL_NAME = new RegExp(`^(?:[${HAN}]{2,4}|[${HAN}]{1,10}(?:·[${HAN}]{1,10})+)$`);
const TRAILING_PARENTHESIS = /^(.*)([（(])([^（）()]+)([）)])$/;
/** Words that make a name a business's, not a person's. */
const BUSINESS_WORDS =
  /店|铺|馆|厂|场|社|坊|站|所|厅|吧|摊|公司|商行|超市|门市|中心|经营|批发|零售|维修|加工|养殖|种植|服务|药房/;

export function looksLikePersonalName(text: string): boolean {
  return PERSONAL_NAME.test(text) && !BUSINESS_WORDS.test(text);
}

/** Keeps the family name, masks the rest character by character ("·" kept). */
export function maskPersonalName(name: string): string {
  const surname =
    COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length) ?? name[0];
  return surname + [...name.slice(surname.length)].map((c) => (c === '·' ? c : '*')).join('');
}

/** The name as published for a target of this type (see the rule above). */
export function publishedTargetName(name: string, targetType: string): string {
  if (targetType !== 'individual_business') return name;
  const text = name.trim();
  const parenthesis = TRAILING_PARENTHESIS.exec(text);
  if (parenthesis) {
    const [, before, open, inner, close] = parenthesis;
    const operator = inner.trim();
    if (looksLikePersonalName(operator))
      return `${before}${open}${maskPersonalName(operator)}${close}`;
    return text;
  }
  return looksLikePersonalName(text) ? maskPersonalName(text) : text;
}
