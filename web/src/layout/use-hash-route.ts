/** React hook over the location hash: the current route, and a way to go to another one. */
import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute } from './route.ts';
import type { Route } from './route.ts';

/** The current route (re-rendered on every hash change) and `navigate` to change it. */
export function useHashRoute(fallbackSection: string): [Route, (route: Route) => void] {
  const [hash, setHash] = useState(() => window.location.hash);

  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const navigate = useCallback((route: Route) => {
    window.location.hash = formatRoute(route);
  }, []);

  return [parseRoute(hash, fallbackSection), navigate];
}
