export type CoreErrorCode =
  | 'unknown_command'
  | 'invalid_argument'
  | 'not_found'
  | 'conflict'
  | 'database_newer'
  | 'database_corrupt'
  | 'not_a_library'
  | 'not_signed_in'
  | 'offline'
  | 'unauthorized'
  | 'server_error'
  | 'cancelled'
  | 'internal';

export interface CoreIssue {
  /** Dotted path of the offending field, e.g. "price.amount". */
  field: string;
  message: string;
}

/** The one error type every door returns: a code a program can switch on and a sentence a person can read. */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    readonly issues: CoreIssue[] = [],
  ) {
    super(message);
  }

  toJSON(): SerializedCoreError {
    return { code: this.code, message: this.message, issues: this.issues };
  }

  static fromJSON(e: SerializedCoreError): CoreError {
    return new CoreError(e.code, e.message, e.issues);
  }
}

export interface SerializedCoreError {
  code: CoreErrorCode;
  message: string;
  issues: CoreIssue[];
}
