package dev.arbor.model;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A guard for patterns from users, compiled with RE2/J. RE2/J limits each counted repetition to 1000 but not their
 * nesting: {@code (?:(?:a{1000}){1000}){1000}}, 27 characters, compiles to about 10^9 instructions (ten seconds,
 * then out of memory, here). This refuses any pattern whose nested repetition counts multiply past
 * {@link #MAX_REPEAT}, as RE2 in C++ and Go do.
 */
public final class Re2Patterns {
  public static final long MAX_REPEAT = 1000;

  private Re2Patterns() {}

  /** @throws IllegalArgumentException when nested repetitions multiply past {@link #MAX_REPEAT} */
  public static void checkRepetition(String pattern) {
    Deque<long[]> groups = new ArrayDeque<>(); // per open group: the largest repetition product inside it
    groups.push(new long[] {1});
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      long atom;
      if (c == '(') {
        groups.push(new long[] {1});
        i++;
        continue;
      } else if (c == ')') {
        atom = groups.size() > 1 ? groups.pop()[0] : 1;
        i++;
      } else if (c == '\\') {
        atom = 1;
        i += 2;
      } else if (c == '[') {
        i = skipClass(pattern, i);
        atom = 1;
      } else if (c == '|' || c == '^' || c == '$') {
        i++;
        continue;
      } else {
        atom = 1;
        i++;
      }
      long count = 1;
      if (i < n && pattern.charAt(i) == '{') {
        int close = pattern.indexOf('}', i);
        if (close > i) {
          String[] bounds = pattern.substring(i + 1, close).split(",", -1);
          try {
            count = Long.parseLong(bounds[bounds.length - 1].isBlank() ? bounds[0].trim()
                : bounds[bounds.length - 1].trim());
            i = close + 1;
          } catch (NumberFormatException notARepetition) {
            count = 1;
          }
        }
      }
      long product = Math.multiplyHigh(atom, count) != 0 ? Long.MAX_VALUE : atom * count;
      if (product > MAX_REPEAT) {
        throw new IllegalArgumentException("pattern repeats too much: nested repetition counts multiply past "
            + MAX_REPEAT);
      }
      long[] current = groups.peek();
      current[0] = Math.max(current[0], product);
    }
  }

  private static int skipClass(String pattern, int open) {
    int i = open + 1;
    if (i < pattern.length() && pattern.charAt(i) == '^') i++;
    if (i < pattern.length() && pattern.charAt(i) == ']') i++;
    while (i < pattern.length() && pattern.charAt(i) != ']') {
      i += pattern.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }
}
