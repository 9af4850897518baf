import { useEffect, useState } from 'react';

export type Route = 'overview' | 'roster' | 'campaigns' | 'intake' | 'review' | 'dynamics' | 'export' | 'settings';
const ROUTES: Route[] = ['overview', 'roster', 'campaigns', 'intake', 'review', 'dynamics', 'export', 'settings'];

function fromHash(): Route {
  const key = location.hash.replace(/^#\/?/, '');
  return (ROUTES as string[]).includes(key) ? (key as Route) : 'overview';
}

/** The page lives in the URL hash, so reload and back/forward keep the user where they were. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(fromHash);
  useEffect(() => {
    const update = () => setRoute(fromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  location.hash = `#/${route}`;
}
