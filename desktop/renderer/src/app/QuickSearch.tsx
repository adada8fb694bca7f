import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { href, navigate } from './router';

/** The search box in the header: Enter opens the search screen with what was typed. */
export function QuickSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <form
      role="search"
      className="quick-search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(href('search', { q: text.trim() }));
      }}
    >
      <input
        type="search"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  );
}
