/** The Seccl client: what other modules import. */
export { SecclClient, DEFAULT_SEARCH_PAGE } from './client.js';
export type { SecclClientOptions, SecclLogger } from './client.js';
export {
  SecclError,
  SecclFieldErrors,
  SecclAuthError,
  SecclNotFoundError,
  SecclRateLimitedError,
  SecclUpstreamError,
  SecclTimeoutError,
  SecclNetworkError,
  SecclCircuitOpenError,
  isOutcomeUnknown,
} from './errors.js';
export type { SecclErrorDetails } from './errors.js';
export { ENDPOINTS, secclUrl } from './paths.js';
export type * from './types.js';
