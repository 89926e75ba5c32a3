import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DrawInputError } from './core';

/** The draw core's input errors are the caller's mistakes: 400, naming the field. */
@Catch(DrawInputError)
export class DrawInputErrorFilter implements ExceptionFilter {
  catch(error: DrawInputError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(400)
      .json({ statusCode: 400, error: 'Bad Request', message: error.message, field: error.field });
  }
}
