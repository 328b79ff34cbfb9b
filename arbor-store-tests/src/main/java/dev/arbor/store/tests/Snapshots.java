package dev.arbor.store.tests;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Checked-in snapshots of what a store generates (its filter SQL, its schema): a test renders the actual
 * text, writes it to {@code target/<name>.actual.txt} for review, and compares it with the resource
 * {@code name} on its class path.
 */
public final class Snapshots {
  private Snapshots() {}

  /** Every filter of {@link FilterContract} in its scope, each followed by what {@code compile} makes of it. */
  public static String filterSql(Function<Filter, String> compile) {
    StringBuilder out = new StringBuilder();
    for (String expression : FilterContract.SPAN_FILTERS) {
      append(out, Scope.SPAN, expression, compile);
    }
    for (String expression : FilterContract.TRACE_FILTERS) {
      append(out, Scope.TRACE, expression, compile);
    }
    return out.toString();
  }

  private static void append(StringBuilder out, Scope scope, String expression, Function<Filter, String> compile) {
    out.append(scope).append(": ").append(expression).append('\n')
        .append(compile.apply(Filter.parse(scope, expression))).append("\n\n");
  }

  /** Writes {@code actual} beside the build's output and returns the checked-in snapshot {@code resource}. */
  public static String expected(String resource, String actual) {
    String name = resource.substring(resource.lastIndexOf('/') + 1).replace(".txt", ".actual.txt");
    try {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", name), actual);
      try (InputStream in = Snapshots.class.getResourceAsStream(resource)) {
        return in == null ? "(no snapshot checked in at " + resource + ")"
            : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
