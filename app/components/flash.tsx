export function FlashMessage({ text }: { text: string }) {
  return (
    // Focusable: after a post that saved, focus moves here (root.tsx) so it is read out.
    <div className="flash" role="status" tabIndex={-1}>
      {text}
    </div>
  );
}
