import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { findLoneSurrogate } from './request-limits';

const WHERE: Record<string, string> = { body: '', query: 'query.', param: 'param.' };

/** Lone surrogates replaced by U+FFFD, so the message itself is valid text. */
function printable(path: string): string {
  return path.replace(/[\uD800-\uDFFF]/g, (ch, i: number, s: string) => {
    const code = ch.charCodeAt(0);
    const next = s.charCodeAt(i + 1);
    const prev = s.charCodeAt(i - 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return ch;
    if (code >= 0xdc00 && prev >= 0xd800 && prev <= 0xdbff) return ch;
    return '\uFFFD';
  });
}

/**
 * Refuses any string in the body, query or route parameters that is not valid Unicode (a lone
 * UTF-16 surrogate, which JSON's `\uD800` escape can produce): 400 naming the field, instead of
 * failing later in the database or a serializer.
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const prefix = WHERE[metadata.type];
    if (prefix === undefined) return value;
    const root = metadata.data ? `${prefix}${metadata.data}` : prefix.replace(/\.$/, '');
    const path = findLoneSurrogate(value, root);
    if (path !== null) {
      const field = printable(path) || 'body';
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `字段 ${field} 含有不成对的 UTF-16 代理项，不是有效的 Unicode 文本 / field ${field} contains a lone UTF-16 surrogate (not valid Unicode text)`,
        field,
      });
    }
    return value;
  }
}
