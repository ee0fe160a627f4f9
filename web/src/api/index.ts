/** Public entry of the API module: the client, its error type and the API's data shapes. */
export { createApiClient } from './client.ts';
export type { ApiClient, ApiClientOptions } from './client.ts';
export { ApiError } from './api-error.ts';
export type * from './types.ts';
export { ApiContext, useApi } from './api-context.tsx';
