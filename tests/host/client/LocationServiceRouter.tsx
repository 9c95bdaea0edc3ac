/**
 * React Router v6 driven by @grafana/runtime's locationService history, as Grafana wires it: a plugin that calls
 * locationService.push() and one that uses useNavigate() move through the same history.
 */
import { locationService } from '@grafana/runtime';
import { type ReactNode, useLayoutEffect, useState } from 'react';
import { type Location, type Navigator, Router } from 'react-router-dom';

export function LocationServiceRouter({ children }: { children: ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState<Location>(history.location);
  useLayoutEffect(() => history.listen((next: Location) => setLocation(next)), [history]);
  // history v4's push/replace/go/createHref are what Router's Navigator needs.
  const navigator = history as unknown as Navigator;
  return (
    <Router location={location} navigator={navigator}>
      {children}
    </Router>
  );
}
