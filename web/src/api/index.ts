/**
 * Public entry of the API module: the one request function every page's API calls go through,
 * the session and camera client, the error type and its message keys, and the API's data shapes.
 */
export { apiRequest, createRequest, setUnauthorizedHandler } from './request.ts';
export type { ApiRequest, RequestConfig, RequestOptions } from './request.ts';
export { createApiClient } from './client.ts';
export type { ApiClient, ApiClientOptions } from './client.ts';
export { ApiError, ERROR_KINDS, errorMessageKey } from './api-error.ts';
export type { ErrorKind } from './api-error.ts';
export type * from './types.ts';
export { ApiContext, useApi } from './api-context.tsx';
