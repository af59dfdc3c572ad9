/**
 * Pure format checks for the onboarding request: no I/O, no logging, nothing else from src/.
 * Each `check*` function trims its input, returns the normalised value, or a reason that
 * never repeats the input.
 */
export { fail, ok, type Check } from './result.js';
export { checkNino } from './nino.js';
export { checkUkPostcode } from './postcode.js';
export { checkAccountNumber, checkSortCode } from './bank.js';
export { checkCountryCode } from './country.js';
export { checkEmail } from './email.js';
export { ageOn, checkIsoDate, londonDate } from './dates.js';
export { fixedClock, systemClock, type Clock } from './clock.js';
export { checkPersonName } from './name.js';
export { checkCompanyRegNo } from './company.js';
