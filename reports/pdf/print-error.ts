/**
 * Why a PDF could not be printed, in words a person reads in the report panel (Simplified
 * Chinese). No imports: the report queue checks for it without loading the printer.
 */
export class PrintError extends Error {
  override readonly name = "PrintError";

  /**
   * @param message the reason as the report panel shows it (Chinese)
   * @param permanent true when trying again cannot help (no browser at all): the job fails at
   *   once instead of waiting through its retries
   */
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
