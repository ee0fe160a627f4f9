/** Gives every page the one API client of the application. */
import { createContext, useContext } from 'react';
import type { ApiClient } from './client.ts';

/** Context carrying the API client; set by `App`. */
export const ApiContext = createContext<ApiClient | null>(null);

/** The application's API client. Must be used below `ApiContext`. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi must be used inside ApiContext');
  return api;
}
