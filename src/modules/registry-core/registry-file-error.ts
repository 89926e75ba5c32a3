/** A problem with a whole import file (as opposed to one row): the import stops with this message. */
export type RegistryFileErrorCode =
  | 'empty_file'
  | 'unrecognised_format'
  | 'legacy_xls'
  | 'encoding'
  | 'malformed_csv'
  | 'malformed_xlsx'
  | 'no_header'
  | 'missing_columns'
  | 'no_rows';

export class RegistryFileError extends Error {
  override readonly name = 'RegistryFileError';
  constructor(
    readonly code: RegistryFileErrorCode,
    /** Message for officials, in Chinese, saying what is wrong and what is accepted. */
    message: string,
    /** For `missing_columns`: the missing field names. */
    readonly missingFields: string[] = [],
  ) {
    super(message);
  }
}
