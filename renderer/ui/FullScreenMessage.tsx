import type { ReactNode } from 'react';

export function FullScreenMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="fullscreen-message" role="alert">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

export function MissingToken() {
  return (
    <FullScreenMessage title="This page needs its access token">
      <p>
        Open the address printed by <code>loupe serve</code> (it carries the access token).
      </p>
    </FullScreenMessage>
  );
}
