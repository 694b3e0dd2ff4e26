import { createContext } from 'react';
import type { AuthSnapshot, JanuaClient } from '@janua/core';

/** What `<JanuaProvider>` hands down: the client (none while rendering on the server) and its store. */
export interface JanuaContextValue {
  client: JanuaClient | null;
  subscribe(onChange: () => void): () => void;
  getSnapshot(): AuthSnapshot;
  getServerSnapshot(): AuthSnapshot;
}

export const JanuaContext = createContext<JanuaContextValue | null>(null);
