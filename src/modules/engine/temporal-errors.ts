import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';

const BY_TYPE: Record<string, (message: string) => HttpException> = {
  BadRequest: (m) => new BadRequestException(m),
  Forbidden: (m) => new ForbiddenException(m),
  Conflict: (m) => new ConflictException(m),
  // The record said the task was open, the workflow says it is not: a stale view, so 409.
  NotFound: (m) => new ConflictException(m),
};

/**
 * Turns a rejected Temporal update or a message to a finished workflow into the HTTP error a
 * person can act on; anything else is rethrown unchanged (500).
 */
export function toHttpError(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type && BY_TYPE[cause.type]) {
      return BY_TYPE[cause.type](cause.message);
    }
    return new ConflictException(cause?.message ?? err.message);
  }
  if (err instanceof WorkflowNotFoundError || isNotFoundGrpc(err)) {
    return new ConflictException('流程实例已结束或不存在，无法再处理');
  }
  return err;
}

function isNotFoundGrpc(err: unknown): boolean {
  const e = err as { code?: number; cause?: { code?: number } } | undefined;
  // gRPC NOT_FOUND (5): the workflow execution is closed or unknown
  return e?.code === 5 || e?.cause?.code === 5;
}

export const notFound = (what: string) => new NotFoundException(what);
