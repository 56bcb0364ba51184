import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadDictionary } from "./i18n/react";

// The page was rendered with its language's dictionary; React needs the same one to
// hydrate it. Its address is the document's preload link (root.tsx): the root loader's
// data is still being decoded at this point. Without the dictionary the page stays as
// the server sent it, which works as it does without JavaScript.
const dictionary = document.querySelector<HTMLLinkElement>('link[rel="preload"][as="fetch"][href^="/i18n/"]')?.getAttribute("href");
(dictionary ? loadDictionary(dictionary) : Promise.resolve()).then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  (error: unknown) => console.warn("Normwerk: no dictionary, so no JavaScript on this page", error),
);
