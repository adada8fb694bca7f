import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResults } from '@reelshelf/shared/contracts';
import { useCore } from '../core';
import { href, navigate } from './router';
import './QuickSearch.css';

type Suggestion = CommandResults['catalog.suggest'][number];

/** Typing in one of these is typing, not a shortcut. */
const isTypingIn = (el: Element | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) ||
    el.getAttribute('role') === 'slider');

/**
 * The header's search: an ARIA 1.2 combobox. Suggestions (catalog.suggest) appear as you
 * type; ArrowUp/Down pick one, Enter opens it, or with none picked opens the search
 * screen; Escape closes the list (and a second Escape clears the field). "/" or
 * Ctrl/Cmd+K comes here from anywhere but another text field.
 */
export function QuickSearch() {
  const { t } = useTranslation('search');
  const core = useCore();
  const id = useId();
  const listId = `${id}-list`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // Global shortcut.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey;
      const k = e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      if (!slash && !k) return;
      if (document.activeElement === input.current || isTypingIn(document.activeElement)) return;
      if (document.querySelector('dialog[open]')) return; // a modal owns the keyboard
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /*
   * Suggestions as you type, one call in flight at a time: keys typed meanwhile are asked for
   * together when the core answers (it answers in order, so a call per key would queue up).
   */
  const query = text.trim();
  const wanted = useRef(query);
  const inFlight = useRef(false);
  const ask = useCallback(() => {
    if (inFlight.current) return;
    const prefix = wanted.current;
    if (!prefix) {
      setItems([]);
      setActive(-1);
      return;
    }
    inFlight.current = true;
    const settle = (found: Suggestion[]) => {
      inFlight.current = false;
      if (wanted.current !== prefix) return ask();
      setItems(found);
      setActive(-1);
    };
    core.call('catalog.suggest', { prefix, limit: 8 }).then(settle, () => settle([]));
  }, [core]);
  useEffect(() => {
    wanted.current = query;
    ask();
  }, [ask, query]);

  const expanded = open && query !== '' && items.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (to: string) => {
    close();
    setText('');
    input.current?.blur();
    navigate(to);
  };
  const openTitle = (item: Suggestion) => go(href('title', item.id));

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setOpen(true);
        if (items.length) setActive((a) => (a + 1) % items.length);
        break;
      case 'ArrowUp':
        e.preventDefault();
        setOpen(true);
        if (items.length) setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
        break;
      case 'Enter': {
        e.preventDefault();
        const picked = expanded && active >= 0 ? items[active] : undefined;
        if (picked) openTitle(picked);
        else if (query) go(href('search', { q: query }));
        break;
      }
      case 'Escape':
        if (expanded) {
          e.preventDefault();
          close();
        } else if (text) {
          e.preventDefault();
          setText('');
        }
        break;
      default:
    }
  };

  return (
    <div className="quick-search" role="search">
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-label={t('common:search.label')}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/ Control+K Meta+K"
        placeholder={t('common:search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('quick.suggestions')}
        className="quick-list"
        hidden={!expanded}
      >
        {items.map((item, i) => (
          <li
            key={item.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="quick-option"
            // Keep focus in the field: a click must not blur it (which would close the list) first.
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => setActive(i)}
            onClick={() => openTitle(item)}
          >
            <span className="quick-title">{item.title}</span>
            <span className="quick-meta">
              {[item.year, t(`common:kind.${item.kind}`)].filter((v) => v !== null).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite">
        {expanded ? t('quick.count', { count: items.length }) : ''}
      </span>
    </div>
  );
}
