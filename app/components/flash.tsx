export function FlashMessage({ text }: { text: string }) {
  return (
    <div className="flash" role="status">
      {text}
    </div>
  );
}
