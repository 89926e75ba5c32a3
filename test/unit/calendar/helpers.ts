/** Shared imports for the calendar unit tests. */
export * from '../../../src/modules/calendar/core';
export { publishedYear } from '../../../src/modules/calendar/core/published-data';
