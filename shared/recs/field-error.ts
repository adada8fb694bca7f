/** A bad argument to the engine; `field` names it, e.g. "history[2].weight", and leads the message. */
export class FieldError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
