import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Page } from '../../api';
import { rangeStart } from '../../format';

/** Items a page asks for. */
export const PAGE = 100;

/** What a paged list shows: its items (null while loading), whether there are more, and how to get them. */
export interface PagedList<T> {
  items: T[] | null;
  cursor: string | null;
  error: unknown;
  more: () => void;
}

/**
 * A project's list in pages of {@link PAGE}: the first page whenever `deps` change, more on request, and in live
 * mode a reload every 3 s of as many items as are shown (up to 1000), keeping "more". The range's start is fixed
 * when the list loads, so that its later pages ask for the same window. A 400 from the server is an invalid filter:
 * it goes to `onFilterError` and the list shows empty.
 */
export function usePagedList<T>(opts: {
  fetch: (startTime: string | null, cursor: string | null, limit: number) => Promise<Page<T>>;
  range: number | null;
  live: boolean;
  deps: unknown[];
  onFilterError: (message: string | null) => void;
}): PagedList<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const start = useRef<string | null>(null);
  const shown = useRef(0);

  const load = (refresh = false) => {
    const mine = ++generation.current;
    if (!refresh) start.current = rangeStart(opts.range);
    opts.fetch(start.current, null, refresh ? Math.min(1000, Math.max(PAGE, shown.current)) : PAGE).then((page) => {
      if (mine !== generation.current) return;
      shown.current = page.data.length;
      setItems(page.data);
      setCursor(page.next_cursor);
      setError(null);
      opts.onFilterError(null);
    }, (err) => {
      if (mine !== generation.current) return;
      if (err instanceof ApiError && err.status === 400) {
        opts.onFilterError(err.message);
        setItems([]);
      } else {
        setError(err);
      }
    });
  };

  useEffect(() => load(), [opts.range, ...opts.deps]);
  useEffect(() => {
    if (!opts.live) return undefined;
    const timer = setInterval(() => load(true), 3000);
    return () => clearInterval(timer);
  }, [opts.live, opts.range, ...opts.deps]);

  const more = () => {
    const mine = generation.current;
    opts.fetch(start.current, cursor, PAGE).then((page) => {
      if (mine !== generation.current) return; // the list was reloaded meanwhile
      setItems((current) => {
        const all = (current ?? []).concat(page.data);
        shown.current = all.length;
        return all;
      });
      setCursor(page.next_cursor);
    }, setError);
  };

  return { items, cursor, error, more };
}
