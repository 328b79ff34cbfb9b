package dev.arbor.sdk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads settings from environment variables; every error names the variable and the value it could not read. */
final class Environment {
  private final Map<String, String> env;

  Environment(Map<String, String> env) {
    this.env = env;
  }

  /** The first of {@code names} that is set and not blank, trimmed; null when none is. */
  String first(String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /** The name of the first of {@code names} that is set, for error messages. */
  String firstName(String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return name;
      }
    }
    return names[0];
  }

  Boolean bool(String name) {
    String value = first(name);
    if (value == null) {
      return null;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return true;
      case "false":
      case "0":
      case "no":
        return false;
      default:
        throw new IllegalArgumentException(name + " must be true or false: " + value);
    }
  }

  Long number(String name, long min, long max) {
    String value = first(name);
    if (value == null) {
      return null;
    }
    try {
      long n = Long.parseLong(value);
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + value, e);
    }
  }

  Double ratio(String name) {
    String value = first(name);
    if (value == null) {
      return null;
    }
    try {
      return Arbor.Builder.checkRatio(Double.parseDouble(value), name);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number between 0 and 1: " + value, e);
    }
  }

  /** {@code key=value,key2=value2} with URL-encoded values, as OTel's header and resource variables are written. */
  Map<String, String> pairs(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    String value = first(name);
    if (value == null) {
      return out;
    }
    String[] entries = value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String pair = entries[i];
      if (pair.isBlank()) continue;
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        // Values are often secrets: the message points at the entry without showing it.
        throw new IllegalArgumentException(name + " must be a list of key=value pairs; entry " + (i + 1)
            + " has no key=");
      }
      try {
        // Percent-decoding only: a '+' (base64 in a Basic token) stays a '+'.
        out.put(pair.substring(0, eq).trim(),
            URLDecoder.decode(pair.substring(eq + 1).trim().replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": entry " + (i + 1) + " is not URL-encoded (write % as %25)");
      }
    }
    return out;
  }
}
