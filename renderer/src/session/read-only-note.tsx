/** The one line a screen shows instead of its save when the signed-in user may only look. */
export function ReadOnlyNote({ text }: { readonly text: string }) {
  return (
    <p className="read-only-note" role="note" data-testid="read-only-note">
      {text}
    </p>
  );
}
