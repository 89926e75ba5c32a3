/** Database-free core of the registries: codes, spreadsheet import, row validation, plan rules. */
export * from './types';
export * from './normalise';
export * from './identification-code';
export * from './registry-file-error';
export * from './text-decoding';
export * from './spreadsheet-reader';
export * from './header-schema';
export * from './value-parsers';
export * from './duplicate-tracker';
export * from './target-row';
export * from './inspector-row';
export * from './relabel-row';
export * from './registry-import';
export * from './ratio';
export * from './plan-rules';
export * from './reject-report';
