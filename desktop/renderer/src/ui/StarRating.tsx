import { useTranslation } from 'react-i18next';

/**
 * Half-star rating as an ARIA slider: arrow keys move by half a star, Home/End jump, Delete
 * clears; a click on a star's left half gives the half star. `null` is "not rated".
 */
export function StarRating({
  value,
  onChange,
  label,
  disabled,
}: {
  value: number | null;
  onChange: (stars: number | null) => void;
  label: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const set = (stars: number | null) =>
    !disabled && onChange(stars === null ? null : Math.min(5, Math.max(0.5, stars)));
  return (
    <div
      className="star-rating"
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-label={label}
      aria-valuemin={0.5}
      aria-valuemax={5}
      aria-valuenow={value ?? undefined}
      aria-valuetext={value === null ? t('rating.none') : t('rating.value', { count: value })}
      aria-disabled={disabled || undefined}
      onKeyDown={(e) => {
        const step = { ArrowRight: 0.5, ArrowUp: 0.5, ArrowLeft: -0.5, ArrowDown: -0.5 }[e.key];
        if (step !== undefined) set((value ?? 0) + step);
        else if (e.key === 'Home') set(0.5);
        else if (e.key === 'End') set(5);
        else if (e.key === 'Delete' || e.key === 'Backspace') set(null);
        else return;
        e.preventDefault();
      }}
    >
      {[1, 2, 3, 4, 5].map((star) => {
        const fill = value === null ? 0 : Math.min(1, Math.max(0, value - (star - 1)));
        return (
          <span
            key={star}
            className="star"
            data-fill={fill === 1 ? 'full' : fill === 0.5 ? 'half' : 'empty'}
            aria-hidden="true"
            onClick={(e) => {
              const box = e.currentTarget.getBoundingClientRect();
              set(e.clientX - box.left < box.width / 2 ? star - 0.5 : star);
            }}
          >
            ★
          </span>
        );
      })}
    </div>
  );
}
