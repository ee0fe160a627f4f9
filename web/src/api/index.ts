/**
 * Public entry of the API module: the one request function every page's API calls go through,
 * the session and camera client, the error type, its words in the user's language (`describeError`,
 * `ErrorText`), and the API's data shapes.
 */
export { apiRequest, createRequest, setUnauthorizedHandler } from './request.ts';
export type { ApiRequest, RequestConfig, RequestOptions } from './request.ts';
export { createApiClient } from './client.ts';
export type { ApiClient, ApiClientOptions } from './client.ts';
export { ApiError, ERROR_KINDS, errorMessageKey } from './api-error.ts';
export type { ErrorKind } from './api-error.ts';
export { describeError, problemText } from './error-text.ts';
export type { ErrorDescription, Translate } from './error-text.ts';
export { ErrorText } from './error-view.tsx';
export type * from './types.ts';
export { ApiContext, useApi } from './api-context.tsx';
