/** Every way a call can fail, as a value the caller can switch on. */
export type ContractErrorCode =
  | 'UNKNOWN_CALL'
  | 'INVALID_INPUT'
  | 'BAD_MESSAGE'
  | 'HANDLER_FAILED'
  /** The engine understood the call and refused it (no such alarm, policy forbids it). */
  | 'REJECTED'
  | 'DISCONNECTED'
  | 'TIMEOUT';

export interface ContractErrorShape {
  code: ContractErrorCode;
  message: string;
  /** For INVALID_INPUT: where and what, one entry per problem. */
  issues?: { path: string; message: string }[];
}

export class ContractError extends Error implements ContractErrorShape {
  readonly code: ContractErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(shape: ContractErrorShape) {
    super(shape.message);
    this.name = 'ContractError';
    this.code = shape.code;
    this.issues = shape.issues;
  }

  toShape(): ContractErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}
