/**
 * The request body parsers, wrapped so every failure is a clear Chinese/English 4xx naming the
 * limit: too large (413), nested too deep (400), not JSON (400), unsupported encoding (415).
 */
import { HttpException } from '@nestjs/common';
import { json, text, type NextFunction, type Request, type Response } from 'express';
import {
  formatBytes,
  JSON_BODY_LIMIT_BYTES,
  JSON_MAX_DEPTH,
  jsonNestingDepth,
} from './request-limits';

type Handler = (req: Request, res: Response, next: NextFunction) => void;

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  length?: number;
  message?: string;
}

/** A request body refused by a parser; rendered by Nest like any HttpException. */
export class RequestBodyError extends HttpException {
  constructor(status: number, message: string, extra: Record<string, unknown> = {}) {
    super({ statusCode: status, error: errorName(status), message, ...extra }, status);
  }
}

function errorName(status: number): string {
  return status === 413
    ? 'Payload Too Large'
    : status === 415
      ? 'Unsupported Media Type'
      : 'Bad Request';
}

class TooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
}

function verifyDepth(_req: unknown, _res: unknown, body: Buffer): void {
  if (jsonNestingDepth(body, JSON_MAX_DEPTH) > JSON_MAX_DEPTH) throw new TooDeepError();
}

/** Maps a body-parser error to a RequestBodyError; `what` names the body ("JSON", "BPMN XML"). */
export function mapBodyError(err: BodyParserError, what: string): HttpException {
  switch (err.type) {
    case 'entity.too.large': {
      const limit = err.limit ?? 0;
      return new RequestBodyError(
        413,
        `请求体过大：${what} 请求体上限为 ${formatBytes(limit)}（${limit} 字节）/ request body exceeds the ${what} limit of ${formatBytes(limit)} (${limit} bytes)`,
        { limit },
      );
    }
    case 'entity.too.deep':
      return new RequestBodyError(
        400,
        `JSON 嵌套层数超过上限 ${JSON_MAX_DEPTH} 层 / JSON nested deeper than the limit of ${JSON_MAX_DEPTH} levels`,
        { limit: JSON_MAX_DEPTH },
      );
    case 'entity.parse.failed':
      return new RequestBodyError(
        400,
        `请求体不是有效的 ${what} / request body is not valid ${what}: ${String(err.message ?? '').slice(0, 200)}`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new RequestBodyError(
        415,
        `不支持的请求体编码或字符集（只接受 UTF-8，可 gzip/deflate 压缩）/ unsupported body encoding or charset: ${String(err.message ?? '').slice(0, 200)}`,
      );
    default: {
      const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
      return new RequestBodyError(
        status,
        `请求体无法读取 / the request body could not be read: ${String(err.message ?? '').slice(0, 200)}`,
      );
    }
  }
}

function wrap(inner: Handler, what: string): Handler {
  return (req, res, next) =>
    inner(req, res, (err?: unknown) =>
      err ? next(mapBodyError(err as BodyParserError, what)) : next(),
    );
}

/**
 * The JSON body parser: at most JSON_BODY_LIMIT_BYTES, nesting checked on the raw bytes before
 * parsing so a deep document never reaches JSON.parse or class-transformer. Named `jsonParser`
 * so Nest does not add its own.
 */
export function jsonBodyParser(limit = JSON_BODY_LIMIT_BYTES): Handler {
  const inner = wrap(json({ limit, verify: verifyDepth }), 'JSON');
  return function jsonParser(req, res, next) {
    inner(req, res, next);
  };
}

/** A raw-text body parser for the given media types (BPMN XML), with its byte limit named. */
export function textBodyParser(types: string[], limit: number, what: string): Handler {
  return wrap(text({ type: types, limit }), what);
}
