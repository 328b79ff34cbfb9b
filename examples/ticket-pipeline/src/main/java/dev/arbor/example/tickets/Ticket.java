package dev.arbor.example.tickets;

import java.util.List;

/** A support ticket as Zendesk returns it, with its comments in order. */
public record Ticket(long id, String subject, String description, String status, String priority,
    List<String> tags, List<Comment> comments) {

  public Ticket {
    tags = List.copyOf(tags);
    comments = List.copyOf(comments);
  }

  public record Comment(String author, String body, boolean isPublic) {}
}
