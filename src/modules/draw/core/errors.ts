/**
 * The one error type of the draw core. Messages are bilingual (Chinese first) because they reach
 * officials through the API; `field` names the input that was wrong so callers can point at it.
 */
export class DrawInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DrawInputError';
  }
}
