import { useId, type ReactNode } from 'react';

/** A settings section: a heading, an optional plain-words explanation, its own form(s). */
export function Section({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="settings-section card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="muted settings-intro">{intro}</p>}
      {children}
    </section>
  );
}

/** The outcome of a save, announced politely; empty keeps the live region in place. */
export function SaveStatus({ text }: { text: string }) {
  return (
    <p className="settings-status" role="status">
      {text}
    </p>
  );
}
