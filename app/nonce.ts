import { createContext, useContext } from "react";

/**
 * The response's nonce, which lets the page's own inline scripts (Remix's context,
 * its loader data, scroll restoration) run under the Content-Security-Policy that
 * entry.server.tsx sends. Browsers hide a nonce from scripts, so in the browser it
 * is "", and React keeps the server's attribute when it hydrates.
 */
export const NonceContext = createContext("");

export function useNonce() {
  return useContext(NonceContext);
}
