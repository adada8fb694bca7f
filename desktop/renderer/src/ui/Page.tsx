import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen's frame: its heading is the window title and takes focus when the screen opens,
 * so screen readers announce where the person landed and Tab starts from the top.
 */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Reelshelf`;
  }, [title]);
  useEffect(() => {
    // Arriving from the sidebar (or from nowhere), announce the new screen; links inside a
    // screen keep their own focus logic.
    const from = document.activeElement;
    if (!from || from === document.body || from.id === 'main' || from.closest('.app-nav'))
      heading.current?.focus();
  }, []);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
