import type { OpeningHours } from '../api/types';
import { WEEKDAYS, type Weekday } from '../zone';
import { Problem } from '../api/problem';
import { t, type Key } from '../i18n';

type Range = [string, string];
export type Week = Record<Weekday, Range[]>;

export function weekOf(h: OpeningHours): Week {
  const out = {} as Week;
  for (const d of WEEKDAYS) out[d] = (((h as any)[d] ?? []) as string[]).map((r) => r.split('-') as Range);
  return out;
}

export function hoursOf(w: Week): OpeningHours {
  const out: any = {};
  for (const d of WEEKDAYS) out[d] = w[d].map(([a, b]) => `${a}-${b}`);
  return out as OpeningHours;
}

/** A week of opening or working hours: several ranges a day, an empty day is closed. */
export function WeekEditor({ value, onChange, problem, field, name }: { value: Week; onChange: (w: Week) => void; problem?: unknown; field: string; name: string }) {
  const set = (day: Weekday, ranges: Range[]) => onChange({ ...value, [day]: ranges });
  const copyMonday = () => onChange({ ...value, tuesday: [...value.monday], wednesday: [...value.monday], thursday: [...value.monday], friday: [...value.monday] });
  return (
    <div class="week-editor" data-testid={`week-${name}`}>
      {WEEKDAYS.map((day) => {
        const error = problem instanceof Problem ? problem.field(`${field}.${day}`) ?? problem.field(day) : undefined;
        return (
          <div class={'week-day' + (error ? ' field-error' : '')} key={day} data-day={day}>
            <strong>{t(`day.${day}` as Key)}</strong>
            <div>
              <div class="ranges">
                {value[day].length === 0 ? <span class="muted">{t('settings.closed')}</span> : null}
                {value[day].map(([a, b], i) => (
                  <span class="range" key={i}>
                    <input type="time" step={900} value={a} aria-label={t('settings.from')} onInput={(e) => set(day, value[day].map((r, j) => (j === i ? [e.currentTarget.value, r[1]] : r)))} />
                    –
                    <input type="time" step={900} value={b} aria-label={t('settings.until')} onInput={(e) => set(day, value[day].map((r, j) => (j === i ? [r[0], e.currentTarget.value] : r)))} />
                    <button type="button" class="icon" aria-label={t('settings.remove_range')} onClick={() => set(day, value[day].filter((_, j) => j !== i))}>
                      ✕
                    </button>
                  </span>
                ))}
                <button
                  type="button"
                  class="link"
                  data-testid="add-range"
                  onClick={() => {
                    const last = value[day][value[day].length - 1];
                    set(day, [...value[day], last ? [last[1], last[1] < '23:00' ? `${String(Number(last[1].slice(0, 2)) + 1).padStart(2, '0')}:${last[1].slice(3)}` : '23:59'] : ['09:00', '17:00']]);
                  }}
                >
                  + {t('settings.add_range')}
                </button>
              </div>
              {error ? <small class="field-message">{error}</small> : null}
            </div>
          </div>
        );
      })}
      <div>
        <button type="button" class="link" onClick={copyMonday}>
          {t('settings.copy_monday')}
        </button>
      </div>
    </div>
  );
}
