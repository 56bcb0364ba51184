import { createContext } from "react";

/**
 * Which field of each form shows the form's first error, claimed while a page renders
 * on the server: fields render in page order, so the first field with an error to ask
 * claims its form and gets `autofocus` (see useFirstError in forms.tsx). One map per
 * rendered page, provided by root.tsx; null in the browser. A module of its own, free of
 * conform, because every page's shell imports it.
 */
export const FirstErrorClaims = createContext<Map<string, string> | null>(null);
