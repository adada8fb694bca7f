import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TitleDetails } from '@reelshelf/shared/contracts';
import { href } from '../../app/router';
import { useAction, useQuery } from '../../core';
import { ErrorMessage } from '../../ui/Status';
import { useListName } from './labels';

/** Which lists hold the title and which tags it carries, with a way to change both. */
export function ListsAndTags({ title }: { title: TitleDetails }) {
  const { t } = useTranslation('title');
  return (
    <section className="card title-section" aria-labelledby="organise-heading">
      <h2 id="organise-heading">{t('organise.heading')}</h2>
      <TitleLists title={title} />
      <TitleTags title={title} />
    </section>
  );
}

function TitleLists({ title }: { title: TitleDetails }) {
  const { t } = useTranslation('title');
  const listName = useListName();
  const lists = useQuery('lists.all', {}, { refreshOn: ['lists'] });
  const add = useAction('lists.add');
  const removeItem = useAction('lists.removeItem');
  const [choice, setChoice] = useState('');
  const holding = new Set(title.lists.map((l) => l.id));
  const byId = new Map((lists.data ?? []).map((l) => [l.id, l]));
  // A smart list's titles are whatever its search finds: nothing to add by hand.
  const addable = (lists.data ?? []).filter((l) => !holding.has(l.id) && !l.query);
  const name = (l: { id: string; name: string }) => {
    const full = byId.get(l.id);
    return full ? listName(full) : l.name;
  };

  return (
    <div className="organise-block">
      <h3 id="title-lists-heading">{t('lists.heading')}</h3>
      {title.lists.length === 0 ? (
        <p className="muted">{t('lists.none')}</p>
      ) : (
        <ul className="chips" aria-labelledby="title-lists-heading">
          {title.lists.map((l) => (
            <li key={l.id} className="chip">
              <a href={href('lists', l.id)}>{name(l)}</a>
              {!byId.get(l.id)?.query && (
                <button
                  type="button"
                  className="chip-remove"
                  disabled={removeItem.busy}
                  aria-label={t('lists.removeFrom', { list: name(l) })}
                  onClick={() => void removeItem.run({ list: l.id, titleId: title.id })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {addable.length > 0 && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!choice) return;
            void add.run({ list: choice, titleId: title.id }).then((r) => r && setChoice(''));
          }}
        >
          <label htmlFor="add-to-list" className="visually-hidden">
            {t('lists.choose')}
          </label>
          <select id="add-to-list" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('lists.choose')}</option>
            {addable.map((l) => (
              <option key={l.id} value={l.id}>
                {listName(l)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!choice || add.busy}>
            {t('lists.add')}
          </button>
        </form>
      )}
      <ErrorMessage error={add.error ?? removeItem.error ?? lists.error} />
    </div>
  );
}

function TitleTags({ title }: { title: TitleDetails }) {
  const { t } = useTranslation('title');
  const all = useQuery('tags.all', {});
  const add = useAction('tags.add');
  const remove = useAction('tags.remove');
  const [tag, setTag] = useState('');

  return (
    <div className="organise-block">
      <h3 id="title-tags-heading">{t('tags.heading')}</h3>
      {title.tags.length === 0 ? (
        <p className="muted">{t('tags.none')}</p>
      ) : (
        <ul className="chips" aria-labelledby="title-tags-heading">
          {title.tags.map((name) => (
            <li key={name} className="chip">
              <a href={href('library', { tag: name })}>{name}</a>
              <button
                type="button"
                className="chip-remove"
                disabled={remove.busy}
                aria-label={t('tags.remove', { tag: name })}
                onClick={() => void remove.run({ titleId: title.id, tag: name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!tag.trim()) return;
          // What was typed stays when the core refuses the tag.
          void add.run({ titleId: title.id, tag: tag.trim() }).then((r) => r && setTag(''));
        }}
      >
        <label htmlFor="new-tag" className="visually-hidden">
          {t('tags.new')}
        </label>
        <input
          id="new-tag"
          list="known-tags"
          placeholder={t('tags.new')}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          aria-invalid={add.error ? true : undefined}
        />
        <datalist id="known-tags">
          {(all.data ?? [])
            .filter((x) => !title.tags.includes(x.name))
            .map((x) => (
              <option key={x.name} value={x.name} />
            ))}
        </datalist>
        <button type="submit" disabled={!tag.trim() || add.busy}>
          {t('tags.add')}
        </button>
      </form>
      <ErrorMessage error={add.error ?? remove.error} />
    </div>
  );
}
