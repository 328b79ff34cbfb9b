/**
 * Runs a change against the server, then reloads the page's data: the error state is cleared first and set when
 * either fails. Resolves to whether the change went through.
 */
export function useAction(load: () => Promise<unknown>, setError: (e: unknown) => void) {
  return async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      setError(null);
      await work();
      await load();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
}
