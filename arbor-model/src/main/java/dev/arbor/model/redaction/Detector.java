package dev.arbor.model.redaction;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * The built-in detectors. Each is an RE2 pattern that finds candidates (RE2 because rules run on the ingest path:
 * matching takes time linear in the text) and a check in code for what RE2 cannot say: word boundaries around
 * the match, a card number's Luhn digit, an IBAN's mod-97 checksum. Listed in the order they are applied, most
 * specific first, so that a card number is not first taken for a phone number.
 */
public enum Detector {
  /** API keys and tokens in the shapes providers issue them, JWTs and {@code Bearer …} values. */
  API_KEY("api_key", "(?:sk|pk)-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{36,}"
      + "|xox[abprs]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
      + "|(?i:bearer)\\s+[A-Za-z0-9._~+/-]{16,}=*"),
  EMAIL("email", "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
  /** 13 to 19 digits, spaces or dashes between them allowed, whose last digit is the Luhn check digit. */
  CREDIT_CARD("credit_card", "\\d(?:[ -]?\\d){12,18}"),
  /** An IBAN, grouped by spaces or not, whose mod-97 checksum holds. */
  IBAN("iban", "[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}"),
  /**
   * Phone numbers written with separators or a country code ({@code +1 415-555-0132}, {@code (415) 555-0132},
   * {@code +44 20 7946 0958}); runs of bare digits (ids, amounts) and dates are left alone.
   */
  PHONE("phone", "(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,5}\\)[ .-]?|\\d{2,5}[ .-])\\d{3,4}[ .-]?\\d{3,4}");

  private final String kind;
  private final Pattern pattern;

  Detector(String kind, String regex) {
    this.kind = kind;
    this.pattern = Pattern.compile(regex);
  }

  /** The name rules and markers use: {@code [REDACTED:email]}. */
  public String kind() {
    return kind;
  }

  public static Detector byKind(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    for (Detector d : values()) {
      if (d.kind.equals(k)) {
        return d;
      }
    }
    return null;
  }

  Matcher matcher(CharSequence text) {
    return pattern.matcher(text);
  }

  /**
   * The stretches of {@code text} worth matching, as {@code [start, end)} pairs in order, none overlapping: around
   * each {@code @} for e-mail addresses, around runs of digits for numbers, around the prefixes keys start with.
   * RE2/J has no DFA, so running it over kilobytes of prompt costs far more than finding these with plain character
   * checks first; the matches are the same, since every match lies inside a stretch.
   */
  int[] windows(String text) {
    Windows w = new Windows(text.length());
    switch (this) {
      case EMAIL:
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
          w.add(at - 64, at + 256);
        }
        break;
      case API_KEY:
        for (String prefix : new String[] {"sk-", "pk-", "AKIA", "AIza", "ghp_", "gho_", "ghu_", "ghs_", "ghr_",
            "xox", "eyJ", "earer", "EARER"}) {
          for (int i = text.indexOf(prefix); i >= 0; i = text.indexOf(prefix, i + 1)) {
            // To the end of the token however long it is (a JWT can run to kilobytes), past "Bearer ".
            int end = Math.min(text.length(), i + prefix.length() + 2);
            while (end < text.length() && (tokenChar(text.charAt(end)) || text.charAt(end) == ' ' && end - i < 12)) {
              end++;
            }
            w.add(i - 8, end + 1);
          }
        }
        break;
      case IBAN:
        ibanCandidates(text, w);
        break;
      default:
        digitRuns(text, this == PHONE ? 7 : 13, w);
        break;
    }
    return w.toArray();
  }

  private static boolean tokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
        || c == '~' || c == '+' || c == '/' || c == '=';
  }

  /** Two capitals and two digits, then up to 30 more capitals, digits and single spaces: where an IBAN could be. */
  private static void ibanCandidates(String text, Windows w) {
    int n = text.length();
    for (int i = 0; i + 4 <= n; i++) {
      if (isUpper(text.charAt(i)) && isUpper(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
          && isDigit(text.charAt(i + 3)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
        int end = i + 4;
        int alnum = 4;
        while (end < n && alnum < 34) {
          char c = text.charAt(end);
          if (isUpper(c) || isDigit(c)) {
            alnum++;
          } else if (c != ' ' || end + 1 >= n || !(isUpper(text.charAt(end + 1)) || isDigit(text.charAt(end + 1)))) {
            break;
          }
          end++;
        }
        if (alnum >= 15) {
          w.add(i - 1, end + 1);
        }
        // No skipping ahead: a second IBAN may start inside this stretch (after a single space).
      }
    }
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The last text's runs of digits, per thread: the card, IBAN and phone rules read the same text one after the
   * other, and one scan serves all three.
   */
  private static final ThreadLocal<Object[]> LAST_RUNS = ThreadLocal.withInitial(() -> new Object[2]);

  /** Runs of at least {@code needed} digits with at most 6 other characters between them (separators, a bank code). */
  private static void digitRuns(String text, int needed, Windows w) {
    Object[] last = LAST_RUNS.get();
    int[] runs;
    if (last[0] == text) {
      runs = (int[]) last[1];
    } else {
      runs = scanDigitRuns(text);
      last[0] = text;
      last[1] = runs;
    }
    for (int i = 0; i < runs.length; i += 3) {
      if (runs[i + 2] >= needed) {
        w.add(runs[i] - 6, runs[i + 1] + 2);
      }
    }
  }

  /** Each run as (first digit, last digit, digits), for runs of at least 7 digits. */
  private static int[] scanDigitRuns(String text) {
    int length = text.length();
    int[] runs = new int[0];
    int first = -1;
    int last = -1;
    int count = 0;
    for (int i = 0; i <= length; i++) {
      boolean digit = false;
      if (i < length) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          continue;
        }
        digit = true;
      }
      if (first >= 0 && (!digit || i - last > 7)) {
        if (count >= 7) {
          runs = java.util.Arrays.copyOf(runs, runs.length + 3);
          runs[runs.length - 3] = first;
          runs[runs.length - 2] = last;
          runs[runs.length - 1] = count;
        }
        first = -1;
        count = 0;
      }
      if (digit) {
        if (first < 0) {
          first = i;
        }
        last = i;
        count++;
      }
    }
    return runs;
  }

  /** Stretches collected in ascending order of start, clipped to the text, overlapping ones merged. */
  private static final class Windows {
    private final int length;
    private final java.util.List<int[]> spans = new java.util.ArrayList<>();

    Windows(int length) {
      this.length = length;
    }

    void add(int start, int end) {
      spans.add(new int[] {Math.max(0, start), Math.min(length, end)});
    }

    int[] toArray() {
      spans.sort(java.util.Comparator.comparingInt(a -> a[0]));
      java.util.List<int[]> merged = new java.util.ArrayList<>();
      for (int[] span : spans) {
        if (!merged.isEmpty() && span[0] <= merged.get(merged.size() - 1)[1]) {
          int[] prev = merged.get(merged.size() - 1);
          prev[1] = Math.max(prev[1], span[1]);
        } else {
          merged.add(span);
        }
      }
      int[] out = new int[merged.size() * 2];
      for (int i = 0; i < merged.size(); i++) {
        out[2 * i] = merged.get(i)[0];
        out[2 * i + 1] = merged.get(i)[1];
      }
      return out;
    }
  }

  /**
   * The end of the part of {@code text[start, end)} this detector accepts, or -1 when it accepts none of it. An
   * IBAN candidate may have run on into the next word; it is shortened until its checksum holds.
   */
  int accept(CharSequence text, int start, int end) {
    switch (this) {
      case API_KEY:
        return word(text, start - 1) || word(text, end) ? -1 : end;
      case EMAIL:
        return end;
      case CREDIT_CARD:
        if (word(text, start - 1) || afterIbanPrefix(text, start)) {
          return -1;
        }
        // The pattern is greedy: a card followed by more digits ("… 1111 12/27", a CVV) matches too long. Shorter
        // ends are tried, longest first, down to 13 digits.
        for (int e = end; e - start >= 13; e--) {
          if (isDigit(text.charAt(e - 1)) && !word(text, e) && luhn(text, start, e)) {
            return e;
          }
        }
        return -1;
      case IBAN:
        if (word(text, start - 1)) {
          return -1;
        }
        for (int e = end; e - start >= 15; e--) {
          if (text.charAt(e - 1) != ' ' && !word(text, e) && iban(text, start, e)) {
            return e;
          }
        }
        return -1;
      case PHONE:
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = end < text.length() ? text.charAt(end) : ' ';
        return Character.isLetterOrDigit(before) || before == '_' || before == '+'
            || Character.isLetterOrDigit(after) || after == '_' || after == '-'
            || groupContinues(text, start - 2, start - 1) || groupContinues(text, end + 1, end) ? -1 : end;
      default:
        return end;
    }
  }

  /** A separator at {@code separator} with a digit at {@code digit}: the match is part of a longer run of groups. */
  private static boolean groupContinues(CharSequence text, int digit, int separator) {
    if (digit < 0 || digit >= text.length() || separator < 0 || separator >= text.length()) {
      return false;
    }
    char s = text.charAt(separator);
    return (s == ' ' || s == '-' || s == '.') && Character.isDigit(text.charAt(digit));
  }

  /** The digits follow an IBAN's country code and check digits ({@code DE89 …}): not a card number. */
  private static boolean afterIbanPrefix(CharSequence text, int start) {
    int p = start > 0 && text.charAt(start - 1) == ' ' ? start - 1 : start;
    if (p < 4) {
      return false;
    }
    return Character.isUpperCase(text.charAt(p - 4)) && Character.isUpperCase(text.charAt(p - 3))
        && Character.isDigit(text.charAt(p - 2)) && Character.isDigit(text.charAt(p - 1)) && !word(text, p - 5);
  }

  private static boolean word(CharSequence text, int i) {
    if (i < 0 || i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_';
  }

  static boolean luhn(CharSequence text, int start, int end) {
    int sum = 0;
    int digits = 0;
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      digits++;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0;
  }

  static boolean iban(CharSequence text, int start, int end) {
    StringBuilder compact = new StringBuilder();
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ') compact.append(c);
    }
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder == 1;
  }
}
