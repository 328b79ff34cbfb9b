package dev.arbor.example.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the results as JSON, or as CSV when the file name ends in {@code .csv}. */
final class ResultWriter {
  private static final List<String> COLUMNS = List.of("ticket_id", "processing_status", "error", "issue_reported",
      "root_cause", "resolution_summary", "primary_pod", "pod_confidence", "was_diagnostics_used",
      "could_diagnostics_help", "diagnostics_confidence", "model_provider");

  private ResultWriter() {}

  static void write(Path file, List<TicketResult> results, String provider) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TicketResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("ticket_id", r.ticketId);
      row.put("processing_status", r.failed() ? "failed" : "success");
      row.put("error", firstNonNull(r.error, r.podError, r.diagnosticsError));
      row.put("issue_reported", r.issueReported);
      row.put("root_cause", r.rootCause);
      row.put("resolution_summary", r.resolutionSummary);
      row.put("primary_pod", r.primaryPod);
      row.put("pod_confidence", r.podConfidence);
      row.put("was_diagnostics_used", r.wasDiagnosticsUsed);
      row.put("could_diagnostics_help", r.couldDiagnosticsHelp);
      row.put("diagnostics_confidence", r.diagnosticsConfidence);
      row.put("model_provider", provider);
      rows.add(row);
    }
    if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
      for (Map<String, Object> row : rows) {
        List<String> cells = new ArrayList<>();
        for (String column : COLUMNS) {
          cells.add(csv(row.get(column)));
        }
        out.append(String.join(",", cells)).append('\n');
      }
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } else {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
    }
  }

  private static String csv(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) return v;
    }
    return null;
  }
}
