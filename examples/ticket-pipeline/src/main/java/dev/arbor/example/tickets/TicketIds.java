package dev.arbor.example.tickets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Ticket ids from a CSV file: the first column of each row, after an optional header row. */
final class TicketIds {
  private TicketIds() {}

  static List<Long> read(Path csv) throws IOException {
    List<Long> ids = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String cell = lines.get(i).split(",", -1)[0].replace("\"", "").strip();
      if (cell.isEmpty() || cell.startsWith("#")) {
        continue;
      }
      try {
        ids.add(Long.parseLong(cell));
      } catch (NumberFormatException e) {
        if (i == 0) {
          continue; // the header
        }
        throw new IllegalArgumentException(csv + " line " + (i + 1) + ": not a ticket id: " + cell);
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(csv + " holds no ticket ids");
    }
    return ids;
  }
}
